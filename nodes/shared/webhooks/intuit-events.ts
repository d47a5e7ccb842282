/**
 * Intuit webhook deliveries in both formats (quickbooks-api-notes.md §7), turned into one change per entity:
 * legacy `{ eventNotifications: [{ realmId, dataChangeEvent: { entities: [...] } }] }` and
 * CloudEvents (a JSON array, or one structured event). One delivery may carry several companies
 * and many entities.
 */
import type { QboJson } from '../qbo/caller';

export type Operation = 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed';
export const OPERATIONS: Operation[] = ['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed'];

/** The item every QuickBooks Sync trigger emits per change (stable; documented in the README). */
export interface EntityChange {
	realmId: string;
	entity: string;
	id: string;
	operation: Operation;
	/** ISO-8601 UTC. */
	occurredAt: string;
	/** Unique per change: the CloudEvent id, or realm:entity:id:operation:lastUpdated for legacy events. */
	eventId: string;
	/** Merge: the id of the object merged into `id` (it no longer exists). */
	deletedId?: string;
	record?: Record<string, unknown>;
}

/** Entities Intuit sends webhooks for, in QBO's spelling (CloudEvents types carry them in lower case). */
export const WEBHOOK_ENTITIES = [
	'Account',
	'Bill',
	'BillPayment',
	'Budget',
	'Class',
	'CreditMemo',
	'Currency',
	'Customer',
	'Department',
	'Deposit',
	'Employee',
	'Estimate',
	'Invoice',
	'Item',
	'JournalCode',
	'JournalEntry',
	'Payment',
	'PaymentMethod',
	'Preferences',
	'Purchase',
	'PurchaseOrder',
	'RefundReceipt',
	'SalesReceipt',
	'TaxAgency',
	'Term',
	'TimeActivity',
	'Transfer',
	'Vendor',
	'VendorCredit',
] as const;

const BY_LOWER = new Map(WEBHOOK_ENTITIES.map((name) => [name.toLowerCase(), name as string]));

// CloudEvents verbs; deleted, voided and emailed are not confirmed from Intuit's docs (§7.4) but are
// accepted so that such an event is emitted rather than refused.
const VERBS: Record<string, Operation> = {
	created: 'Create',
	updated: 'Update',
	deleted: 'Delete',
	merged: 'Merge',
	voided: 'Void',
	emailed: 'Emailed',
};

export class DeliveryFormatError extends Error {}

/** ISO-8601 UTC from QBO's `2015-10-05T14:42:19-0700` and CloudEvents' nanosecond times. */
export function toIsoUtc(value: string): string {
	const withColon = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const trimmedFraction = withColon.replace(/(\.\d{3})\d+/, '$1');
	const at = Date.parse(trimmedFraction);
	if (Number.isNaN(at)) throw new DeliveryFormatError(`"${value}" is not a date and time`);
	return new Date(at).toISOString();
}

function entityName(raw: string): string {
	return BY_LOWER.get(raw.toLowerCase()) ?? raw.charAt(0).toUpperCase() + raw.slice(1);
}

function operationOf(raw: unknown, where: string): Operation {
	const found = OPERATIONS.find((op) => op.toLowerCase() === String(raw ?? '').toLowerCase());
	if (!found)
		throw new DeliveryFormatError(
			`${where}: operation "${String(raw)}" is not one of ${OPERATIONS.join(', ')}`,
		);
	return found;
}

function text(value: unknown, where: string): string {
	if ((typeof value !== 'string' && typeof value !== 'number') || String(value).trim() === '') {
		throw new DeliveryFormatError(`${where} is missing`);
	}
	return String(value);
}

function fromLegacy(body: { eventNotifications: unknown }): EntityChange[] {
	if (!Array.isArray(body.eventNotifications))
		throw new DeliveryFormatError('eventNotifications is not a list');
	const out: EntityChange[] = [];
	(body.eventNotifications as Array<QboJson>).forEach((notification, n) => {
		const realmId = text(notification?.realmId, `eventNotifications[${n}].realmId`);
		const entities = notification?.dataChangeEvent?.entities ?? [];
		if (!Array.isArray(entities))
			throw new DeliveryFormatError(
				`eventNotifications[${n}].dataChangeEvent.entities is not a list`,
			);
		entities.forEach((e: QboJson, i: number) => {
			const where = `eventNotifications[${n}].dataChangeEvent.entities[${i}]`;
			const entity = entityName(text(e?.name, `${where}.name`));
			const id = text(e?.id, `${where}.id`);
			const operation = operationOf(e?.operation, where);
			const lastUpdated = text(e?.lastUpdated, `${where}.lastUpdated`);
			out.push({
				realmId,
				entity,
				id,
				operation,
				occurredAt: toIsoUtc(lastUpdated),
				eventId: `${realmId}:${entity}:${id}:${operation}:${lastUpdated}`,
				...(e.deletedId !== undefined ? { deletedId: String(e.deletedId) } : {}),
			});
		});
	});
	return out;
}

function fromCloudEvent(event: QboJson, where: string): EntityChange {
	const type = text(event?.type, `${where}.type`);
	const match = type.match(/^qbo\.([a-z0-9]+)\.([a-z]+)\.v\d+$/i);
	if (!match)
		throw new DeliveryFormatError(`${where}.type "${type}" is not qbo.<entity>.<verb>.v<n>`);
	const operation = VERBS[match[2].toLowerCase()];
	if (!operation)
		throw new DeliveryFormatError(
			`${where}.type "${type}": "${match[2]}" is not one of ${Object.keys(VERBS).join(', ')}`,
		);
	const deletedId = event.data?.deletedid ?? event.data?.deletedId;
	return {
		realmId: text(event.intuitaccountid, `${where}.intuitaccountid`),
		entity: entityName(match[1]),
		id: text(event.intuitentityid, `${where}.intuitentityid`),
		operation,
		occurredAt: toIsoUtc(text(event.time, `${where}.time`)),
		eventId: text(event.id, `${where}.id`),
		...(deletedId !== undefined ? { deletedId: String(deletedId) } : {}),
	};
}

/** All changes in one delivery, in delivery order. Throws DeliveryFormatError naming the bad field. */
export function parseIntuitDelivery(raw: Buffer | string): EntityChange[] {
	const textBody = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	let body: unknown;
	let notJson: string | undefined;
	try {
		body = JSON.parse(textBody.replace(/^\uFEFF/, ''));
	} catch (error) {
		notJson = (error as Error).message;
	}
	if (notJson !== undefined) throw new DeliveryFormatError(`the body is not JSON (${notJson})`);
	if (Array.isArray(body)) return body.map((event, i) => fromCloudEvent(event, `[${i}]`));
	if (body && typeof body === 'object') {
		if ('eventNotifications' in body) return fromLegacy(body as { eventNotifications: unknown });
		if ('specversion' in body) return [fromCloudEvent(body as Record<string, unknown>, 'event')];
	}
	throw new DeliveryFormatError(
		'the body is neither Intuit\'s legacy format ({"eventNotifications":[…]}) nor CloudEvents (a JSON array of events)',
	);
}
