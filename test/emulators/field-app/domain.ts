/** The app's business rules: references, totals, statuses and their transitions, payments, receipts. */
import type { ZodError, ZodTypeAny } from 'zod';
import {
	companySchema,
	orderPaymentSchema,
	receiptSchema,
	schemas,
	syncSlotsSchema,
	transitionSchema,
	type ResourceName,
} from './schemas';
import { AppError, type AppRecord, type Store } from './store';

const round = (n: number) => Math.round(n * 100) / 100;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

export function parse<T extends ZodTypeAny>(
	schema: T,
	body: unknown,
	what: string,
): ReturnType<T['parse']> {
	const result = schema.safeParse(body);
	if (result.success) return result.data;
	const issues = (result.error as ZodError).issues.map((i) => ({
		field: i.path.join('.') || '(body)',
		message: i.message,
	}));
	throw new AppError(
		400,
		'validation_failed',
		`${what}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
		{ field: issues[0].field, details: issues },
	);
}

/** Which status may follow which, when set through POST /{resource}/{id}/transition. */
export const TRANSITIONS: Partial<Record<ResourceName, Record<string, string[]>>> = {
	invoices: {
		draft: ['approved', 'void'],
		approved: ['draft', 'ready_for_sync', 'void'],
		ready_for_sync: ['approved', 'unpaid'],
		unpaid: ['void'],
		partially_paid: [],
		paid: [],
		void: [],
	},
	'sales-orders': {
		quote: ['open', 'cancelled'],
		open: ['invoiced', 'cancelled'],
		invoiced: [],
		partially_paid: [],
		paid: [],
		cancelled: [],
	},
	'purchase-orders': { unfulfilled: ['cancelled'], partial: [], fulfilled: [], cancelled: [] },
	payables: { open: ['paid', 'void'], paid: ['open'], void: [] },
	'credit-memos': { open: ['void'], void: [] },
	refunds: { issued: ['void'], void: [] },
};

/** Sales documents: lines of items with a rate, taxed at the customer's rate, numbered by the app. */
const SALES_DOCUMENTS: Partial<Record<ResourceName, string>> = {
	invoices: 'FA',
	'sales-orders': 'SO',
	'credit-memos': 'CM',
	refunds: 'RF',
};

/** Statuses in which an invoice's content can no longer change. */
const LOCKED_INVOICE = ['partially_paid', 'paid', 'void'];

export class FieldApp {
	constructor(readonly store: Store) {}

	private checkReferences(resource: ResourceName, data: Data): void {
		const s = this.store;
		const ref = (target: ResourceName, value: unknown, field: string) =>
			value ? s.require(target, String(value), field) : undefined;
		ref('tax-rates', data.taxRateId, 'taxRateId');
		ref('terms', data.termsId, 'termsId');
		if (resource === 'locations' || resource === 'projects')
			ref('customers', data.customerId, 'customerId');
		if (['invoices', 'payments', 'sales-orders', 'credit-memos', 'refunds'].includes(resource)) {
			const customer = ref('customers', data.customerId, 'customerId')!;
			if (!customer.active && resource !== 'payments')
				throw new AppError(
					400,
					'validation_failed',
					`customerId: customer "${customer.name}" is inactive.`,
					{ field: 'customerId' },
				);
		}
		if (['invoices', 'credit-memos', 'refunds'].includes(resource) && data.locationId) {
			const location = ref('locations', data.locationId, 'locationId')!;
			if (location.customerId !== data.customerId)
				throw new AppError(
					400,
					'validation_failed',
					`locationId: location "${location.name}" belongs to another customer.`,
					{ field: 'locationId' },
				);
		}
		if (['purchase-orders', 'payables'].includes(resource))
			ref('vendors', data.vendorId, 'vendorId');
		(data.lines ?? []).forEach((line: AppRecord, i: number) => {
			if ('itemId' in line) ref('items', line.itemId, `lines.${i}.itemId`);
			ref('projects', line.projectId, `lines.${i}.projectId`);
			ref('cost-codes', line.costCodeId, `lines.${i}.costCodeId`);
		});
		if (resource === 'items' && data.sku) {
			const clash = s.all('items').find((other) => other.id !== data.id && other.sku === data.sku);
			if (clash)
				throw new AppError(
					409,
					'duplicate',
					`sku "${data.sku}" is already used by item ${clash.id} ("${clash.name}"); SKUs are unique.`,
					{ field: 'sku', existingId: clash.id },
				);
		}
		this.checkCurrency(resource, data);
		if (resource === 'payables' && data.type === 'expense' && !data.purchaseAccount) {
			throw new AppError(
				400,
				'validation_failed',
				'purchaseAccount: an expense needs the Bank or Credit Card account it was paid from.',
				{ field: 'purchaseAccount' },
			);
		}
	}

	/**
	 * Currencies: one the company uses; a document is in its customer's or vendor's currency (the
	 * default), and a foreign one carries its exchange rate (home units per 1 foreign unit).
	 */
	private checkCurrency(resource: ResourceName, data: Data): void {
		const { homeCurrency, currencies } = this.store.company;
		if (data.currency !== undefined && !currencies.includes(data.currency)) {
			throw new AppError(
				400,
				'validation_failed',
				`currency: ${data.currency} is not one of the company's currencies (${currencies.join(', ')}).`,
				{ field: 'currency' },
			);
		}
		const party = data.customerId
			? this.store.get('customers', data.customerId)
			: data.vendorId
				? this.store.get('vendors', data.vendorId)
				: undefined;
		if (!party || resource === 'locations' || resource === 'projects') return;
		const partyCurrency = party.currency ?? homeCurrency;
		if (data.currency !== undefined && data.currency !== partyCurrency) {
			throw new AppError(
				400,
				'validation_failed',
				`currency: ${data.currency} is not the currency of ${party.name} (${partyCurrency}); a document is in its customer's or vendor's currency.`,
				{ field: 'currency' },
			);
		}
		if ((data.currency ?? partyCurrency) !== homeCurrency && data.exchangeRate === undefined) {
			throw new AppError(
				400,
				'validation_failed',
				`exchangeRate: ${data.currency ?? partyCurrency} is not the home currency ${homeCurrency}; give the rate (${homeCurrency} per 1 ${data.currency ?? partyCurrency}).`,
				{ field: 'exchangeRate' },
			);
		}
	}

	/** The company settings; the home currency is fixed once set (as in QuickBooks). */
	setCompany(body: unknown): AppRecord {
		const next = parse(companySchema, body, 'Invalid company settings') as Store['company'];
		if (
			next.homeCurrency !== this.store.company.homeCurrency &&
			this.store.all('customers').length + this.store.all('vendors').length > 0
		) {
			throw new AppError(
				409,
				'locked',
				`The home currency is ${this.store.company.homeCurrency} and records exist; it can no longer change.`,
				{ field: 'homeCurrency' },
			);
		}
		if (!next.currencies.includes(next.homeCurrency))
			next.currencies = [next.homeCurrency, ...next.currencies];
		this.store.company = { ...this.store.company, ...next };
		return this.store.company as unknown as AppRecord;
	}

	/** Derived fields: line amounts, totals, tax, balances, numbers, statuses. */
	private derive(resource: ResourceName, data: Data, previous?: AppRecord): Data {
		const s = this.store;
		if (SALES_DOCUMENTS[resource]) {
			const customer = s.require('customers', data.customerId);
			const rate = customer.taxRateId ? (s.get('tax-rates', customer.taxRateId)?.rate ?? 0) : 0;
			let subtotal = 0;
			let taxable = 0;
			data.lines = data.lines.map((line: AppRecord, i: number) => {
				const amount = round(line.quantity * (line.rate ?? line.unitPrice));
				subtotal += amount;
				if (s.get('items', line.itemId)?.taxable) taxable += amount;
				return { ...line, id: line.id ?? `l${i + 1}`, amount };
			});
			data.subtotal = round(subtotal);
			data.tax = round((taxable * rate) / 100);
			data.total = round(data.subtotal + data.tax);
			if (resource === 'invoices' || resource === 'sales-orders') {
				data.amountPaid = previous?.amountPaid ?? 0;
				data.balance = round(data.total - data.amountPaid);
			}
			if (resource === 'credit-memos') data.status = previous?.status ?? 'open';
			if (resource === 'refunds') data.status = previous?.status ?? 'issued';
			if (!data.number)
				data.number =
					previous?.number ?? `${SALES_DOCUMENTS[resource]}-${s.next(`${resource}:number`, 1000)}`;
			data.appNumber = previous?.appNumber ?? data.number;
			if (resource === 'invoices' && !data.dueDate && customer.termsId) {
				const days = s.get('terms', customer.termsId)?.dueDays ?? 0;
				data.dueDate = new Date(Date.parse(`${data.date}T00:00:00Z`) + days * 86_400_000)
					.toISOString()
					.slice(0, 10);
			}
		}
		if (resource === 'purchase-orders') {
			data.lines = data.lines.map((line: Data, i: number) => ({
				receivedQuantity: 0,
				...line,
				id: line.id ?? `l${i + 1}`,
				amount: round(line.quantity * line.unitCost),
			}));
			data.total = round(data.lines.reduce((sum: number, l: AppRecord) => sum + l.amount, 0));
			data.receipts = previous?.receipts ?? [];
			data.payments = previous?.payments ?? [];
			data.status = previous?.status ?? 'unfulfilled';
			if (!data.number) data.number = previous?.number ?? `PO-${s.next('po:number', 1000)}`;
		}
		if (resource === 'payables') {
			data.total = round(data.lines.reduce((sum: number, l: AppRecord) => sum + l.amount, 0));
			data.status = previous?.status ?? 'open';
			if (data.type === 'bill') delete data.purchaseAccount;
		}
		if (resource === 'sales-orders') data.payments = previous?.payments ?? [];
		return data;
	}

	create(resource: ResourceName, body: unknown): AppRecord {
		const data = parse(schemas[resource], body, `Invalid ${resource} record`) as Data;
		this.checkReferences(resource, data);
		if (resource === 'payments') return this.createPayment(data);
		return this.store.insert(resource, this.derive(resource, data));
	}

	update(resource: ResourceName, id: string, body: unknown, ifMatch?: string): AppRecord {
		const existing = this.store.require(resource, id);
		const input: Data = { ...(body as Data) };
		const version = input.version ?? (ifMatch ? Number(ifMatch.replace(/"/g, '')) : undefined);
		delete input.version;
		if (typeof version !== 'number' || !Number.isInteger(version)) {
			throw new AppError(
				400,
				'validation_failed',
				"version: send the record's current version (or an If-Match header) so concurrent edits are not lost.",
				{ field: 'version' },
			);
		}
		this.assertVersion(existing, version);
		if ('status' in input)
			throw new AppError(
				400,
				'validation_failed',
				`status: change it with POST /${resource}/${id}/transition.`,
				{ field: 'status' },
			);
		if (resource === 'payments')
			throw new AppError(
				409,
				'locked',
				'Payments cannot be edited; delete the payment and record it again.',
			);
		if (resource === 'invoices' && LOCKED_INVOICE.includes(existing.status)) {
			throw new AppError(
				409,
				'locked',
				`Invoice ${existing.number} is ${existing.status}; its content can no longer change.`,
			);
		}
		if ((resource === 'credit-memos' || resource === 'refunds') && existing.status === 'void') {
			throw new AppError(
				409,
				'locked',
				`${existing.number} is void; its content can no longer change.`,
			);
		}
		const editable = pickSchemaFields(existing, resource);
		const data = parse(schemas[resource].partial(), input, `Invalid ${resource} change`) as Data;
		const merged = parse(
			schemas[resource],
			{ ...editable, ...data },
			`Invalid ${resource} record`,
		) as Data;
		const candidate: Data = { ...existing, ...merged };
		if (TRANSITIONS[resource]) candidate.status = existing.status;
		this.checkReferences(resource, candidate);
		return this.store.save(resource, this.derive(resource, candidate, existing) as AppRecord);
	}

	private assertVersion(existing: AppRecord, version: number): void {
		if (version !== existing.version) {
			throw new AppError(
				409,
				'version_conflict',
				`Record ${existing.id} is at version ${existing.version}, not ${version}: someone changed it. Read it again and re-apply your change.`,
				{
					currentVersion: existing.version,
					current: existing,
				},
			);
		}
	}

	remove(resource: ResourceName, id: string, version: number | undefined): AppRecord {
		const existing = this.store.require(resource, id);
		if (version === undefined || !Number.isInteger(version)) {
			throw new AppError(
				400,
				'validation_failed',
				`version: send ?version=<current version> to delete ${existing.id}.`,
				{ field: 'version' },
			);
		}
		this.assertVersion(existing, version);
		if (resource === 'invoices' && !['draft', 'approved'].includes(existing.status)) {
			throw new AppError(
				409,
				'locked',
				`Invoice ${existing.number} is ${existing.status}; only draft or approved invoices can be deleted. Void it instead.`,
			);
		}
		if (
			resource === 'purchase-orders' &&
			(existing.receipts.length > 0 || existing.payments.length > 0)
		) {
			throw new AppError(
				409,
				'locked',
				`Purchase order ${existing.number} has receipts or payments; cancel is not possible either.`,
			);
		}
		if (resource === 'payments') this.applyPayment(existing, -1);
		return this.store.save(
			resource,
			{
				...existing,
				deletedAt: this.store.now(),
				active: resource in ACTIVE_FLAG ? false : existing.active,
			},
			'deleted',
		);
	}

	transition(resource: ResourceName, id: string, body: unknown): AppRecord {
		const { version, status } = parse(transitionSchema, body, 'Invalid transition');
		const existing = this.store.require(resource, id);
		this.assertVersion(existing, version);
		const table = TRANSITIONS[resource];
		if (!table)
			throw new AppError(400, 'validation_failed', `${resource} records have no status.`, {
				field: 'status',
			});
		const allowed = table[existing.status] ?? [];
		if (!allowed.includes(status)) {
			throw new AppError(
				409,
				'invalid_transition',
				`${resource} ${existing.id} cannot go from ${existing.status} to ${status}; allowed: ${allowed.join(', ') || 'none'}.`,
				{ allowed },
			);
		}
		if (resource === 'invoices' && status === 'unpaid' && !existing.qboId) {
			throw new AppError(
				409,
				'invalid_transition',
				`Invoice ${existing.number} is not linked to QuickBooks yet: write its qboId with PUT /invoices/${id}/sync first.`,
				{ allowed },
			);
		}
		if (resource === 'invoices' && status === 'void' && existing.amountPaid > 0) {
			throw new AppError(
				409,
				'invalid_transition',
				`Invoice ${existing.number} has payments; delete them first.`,
				{ allowed: [] },
			);
		}
		if (resource === 'purchase-orders' && status === 'cancelled' && existing.payments.length > 0) {
			throw new AppError(
				409,
				'invalid_transition',
				`Purchase order ${existing.number} has payments.`,
				{ allowed: [] },
			);
		}
		const next = { ...existing, status };
		if (resource === 'invoices' && status === 'unpaid')
			Object.assign(next, invoicePaymentStatus(next));
		return this.store.save(resource, next);
	}

	/** The QuickBooks link and sync bookkeeping; no new version, no updatedAt, no webhook (no echo). */
	setSync(resource: ResourceName, id: string, body: unknown): AppRecord {
		const slots = parse(syncSlotsSchema, body, 'Invalid sync slots');
		// Deleted records keep their link: the sync records that it made the QuickBooks side inactive.
		const existing = this.store.get(resource, id);
		if (!existing) throw new AppError(404, 'not_found', `No ${resource} record with id "${id}".`);
		const next: AppRecord = { ...existing, sync: { ...existing.sync } };
		if (slots.qboId !== undefined) next.qboId = slots.qboId;
		if (slots.qboSyncToken !== undefined) next.qboSyncToken = slots.qboSyncToken;
		if (slots.fingerprint !== undefined) next.sync.fingerprint = slots.fingerprint;
		if (slots.syncedAt !== undefined) next.sync.syncedAt = slots.syncedAt;
		if (slots.syncError !== undefined) next.sync.error = slots.syncError;
		if (slots.qboDocNumber) {
			if (
				![
					'invoices',
					'sales-orders',
					'purchase-orders',
					'payables',
					'credit-memos',
					'refunds',
				].includes(resource)
			) {
				throw new AppError(400, 'validation_failed', 'qboDocNumber: only documents have numbers.', {
					field: 'qboDocNumber',
				});
			}
			next.number = slots.qboDocNumber; // QuickBooks' number replaces the app's; appNumber keeps the original
		}
		return this.store.saveSyncSlots(resource, next);
	}

	/** Applications reduce invoice balances; anything not applied is a credit (unappliedAmount). */
	private createPayment(data: Data): AppRecord {
		const applied = round(
			data.applications.reduce((sum: number, a: AppRecord) => sum + a.amount, 0),
		);
		if (applied > data.amount + 0.004) {
			throw new AppError(
				400,
				'validation_failed',
				`applications: they total ${applied.toFixed(2)}, more than the payment amount ${data.amount.toFixed(2)}.`,
				{ field: 'applications' },
			);
		}
		const seen = new Set<string>();
		data.applications.forEach((a: AppRecord, i: number) => {
			const invoice = this.store.require('invoices', a.invoiceId, `applications.${i}.invoiceId`);
			if (seen.has(invoice.id))
				throw new AppError(
					400,
					'validation_failed',
					`applications.${i}.invoiceId: invoice ${invoice.number} is listed twice.`,
					{ field: `applications.${i}.invoiceId` },
				);
			seen.add(invoice.id);
			if (invoice.customerId !== data.customerId)
				throw new AppError(
					400,
					'validation_failed',
					`applications.${i}.invoiceId: invoice ${invoice.number} belongs to another customer.`,
					{ field: `applications.${i}.invoiceId` },
				);
			if (!['unpaid', 'partially_paid'].includes(invoice.status)) {
				throw new AppError(
					409,
					'invalid_state',
					`Invoice ${invoice.number} is ${invoice.status}; payments apply to unpaid or partially paid invoices.`,
					{ field: `applications.${i}.invoiceId` },
				);
			}
			if (a.amount > invoice.balance + 0.004) {
				throw new AppError(
					400,
					'validation_failed',
					`applications.${i}.amount: ${a.amount.toFixed(2)} is more than the ${invoice.balance.toFixed(2)} open on invoice ${invoice.number}.`,
					{ field: `applications.${i}.amount` },
				);
			}
		});
		const record = this.store.insert('payments', {
			...data,
			unappliedAmount: round(data.amount - applied),
		});
		this.applyPayment(record, 1);
		return record;
	}

	private applyPayment(payment: AppRecord, sign: 1 | -1): void {
		for (const a of payment.applications) {
			const invoice = this.store.get('invoices', a.invoiceId);
			if (!invoice) continue;
			const amountPaid = round(invoice.amountPaid + sign * a.amount);
			const next = { ...invoice, amountPaid, balance: round(invoice.total - amountPaid) };
			this.store.save('invoices', { ...next, ...invoicePaymentStatus(next) });
		}
	}

	/** Partial and full receipts of a purchase order; its status follows (unfulfilled → partial → fulfilled). */
	receive(id: string, body: unknown): AppRecord {
		const receipt = parse(receiptSchema, body, 'Invalid receipt');
		const po = this.store.require('purchase-orders', id);
		if (po.status === 'cancelled')
			throw new AppError(409, 'invalid_state', `Purchase order ${po.number} is cancelled.`);
		const lines = po.lines.map((l: AppRecord) => ({ ...l }));
		receipt.lines.forEach((r, i) => {
			const line = lines.find((l: AppRecord) => l.id === r.lineId);
			if (!line)
				throw new AppError(
					400,
					'validation_failed',
					`lines.${i}.lineId: purchase order ${po.number} has no line "${r.lineId}".`,
					{ field: `lines.${i}.lineId` },
				);
			if (line.receivedQuantity + r.quantity > line.quantity + 1e-9) {
				throw new AppError(
					409,
					'over_receipt',
					`lines.${i}.quantity: ${r.quantity} would receive more than the ${line.quantity - line.receivedQuantity} still open on line ${line.id}.`,
					{ field: `lines.${i}.quantity` },
				);
			}
			line.receivedQuantity += r.quantity;
		});
		const all = lines.every((l: AppRecord) => l.receivedQuantity >= l.quantity - 1e-9);
		const receipts = [...po.receipts, { id: `rcv_${po.receipts.length + 1}`, ...receipt }];
		return this.store.save('purchase-orders', {
			...po,
			lines,
			receipts,
			status: all ? 'fulfilled' : 'partial',
		});
	}

	/** Payments on purchase orders (a prepayment while nothing is received) and on invoiced sales orders. */
	payOrder(resource: 'purchase-orders' | 'sales-orders', id: string, body: unknown): AppRecord {
		const payment = parse(orderPaymentSchema, body, 'Invalid payment');
		const order = this.store.require(resource, id);
		const paid = round(order.payments.reduce((sum: number, p: AppRecord) => sum + p.amount, 0));
		if (paid + payment.amount > order.total + 0.004) {
			throw new AppError(
				400,
				'validation_failed',
				`amount: ${payment.amount.toFixed(2)} would pay more than the ${round(order.total - paid).toFixed(2)} still open on ${order.number}.`,
				{ field: 'amount' },
			);
		}
		if (resource === 'sales-orders' && !['invoiced', 'partially_paid'].includes(order.status)) {
			throw new AppError(
				409,
				'invalid_state',
				`Sales order ${order.number} is ${order.status}; mark it invoiced first.`,
			);
		}
		if (resource === 'purchase-orders' && order.status === 'cancelled')
			throw new AppError(409, 'invalid_state', `Purchase order ${order.number} is cancelled.`);
		const entry = {
			id: `opay_${order.payments.length + 1}`,
			...payment,
			prepayment: resource === 'purchase-orders' && order.status === 'unfulfilled',
		};
		const payments = [...order.payments, entry];
		const next: AppRecord = { ...order, payments, amountPaid: round(paid + payment.amount) };
		if (resource === 'sales-orders') {
			next.balance = round(order.total - next.amountPaid);
			next.status = next.balance <= 0.004 ? 'paid' : 'partially_paid';
		}
		return this.store.save(resource, next);
	}
}

const ACTIVE_FLAG: Partial<Record<ResourceName, true>> = {
	customers: true,
	locations: true,
	items: true,
	vendors: true,
	'tax-rates': true,
	terms: true,
	projects: true,
	'cost-codes': true,
};

function invoicePaymentStatus(invoice: AppRecord): { status: string; paidAt?: string | null } {
	if (!['unpaid', 'partially_paid', 'paid'].includes(invoice.status))
		return { status: invoice.status };
	if (invoice.amountPaid <= 0.004) return { status: 'unpaid', paidAt: null };
	if (invoice.balance <= 0.004) return { status: 'paid', paidAt: new Date().toISOString() };
	return { status: 'partially_paid', paidAt: null };
}

/** The writable fields of a stored record (what a PATCH may change), without derived ones. */
function pickSchemaFields(record: AppRecord, resource: ResourceName): Data {
	const shape = (schemas[resource] as unknown as { shape: Record<string, unknown> }).shape;
	const out: Data = {};
	for (const key of Object.keys(shape)) {
		if (record[key] === undefined || key === 'status') continue;
		out[key] =
			key === 'lines'
				? record.lines.map(
						({ id: _id, amount: _a, receivedQuantity: _r, ...rest }: AppRecord) => rest,
					)
				: record[key];
	}
	return out;
}
