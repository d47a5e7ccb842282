/**
 * One Intuit delivery: verify the signature over the raw bytes, acknowledge at once (Intuit
 * retries anything not answered 200 within 3 s and holds later events back), then work out what
 * to emit: the delivery's changes filtered by company, entity and operation, minus repeats, with
 * records or a change-data-capture catch-up when asked. What was emitted is remembered with the
 * same return that emits it.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { getQboConnection, qboCaller, transportTiming } from '../shared/qbo/transport';
import { CDC_MAX_DAYS } from '../shared/qbo/cdc';
import { CatchUpGapError, NOT_IN_CDC, readSince } from '../shared/webhooks/catch-up';
import { checkFilter, matches, type ChangeFilter } from '../shared/webhooks/filters';
import {
	DeliveryFormatError,
	parseIntuitDelivery,
	type EntityChange,
	type Operation,
} from '../shared/webhooks/intuit-events';
import { attachRecords } from '../shared/webhooks/records';
import { verifyIntuitSignature, type Verdict } from '../shared/webhooks/signature';
import { rawBodyOf, stateKey } from '../shared/webhooks/webhook-request';
import {
	cursorFor,
	loadState,
	plainCopy,
	recentCredentialReads,
	rememberEvents,
	saveState,
	serialized,
	splitSeen,
	type TriggerState,
} from '../shared/webhooks/trigger-state';

const ACCEPTED_TYPES = [
	'application/json',
	'application/cloudevents+json',
	'application/cloudevents-batch+json',
];

export interface TriggerSettings {
	filter: ChangeFilter;
	companies: 'credential' | 'all' | 'list';
	realmIds: string[];
	catchUp: boolean;
	deduplicate: boolean;
	fetchRecords: boolean;
	resumeFrom?: string;
}

export function readSettings(
	context: Pick<IWebhookFunctions, 'getNodeParameter'>,
): TriggerSettings {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const companies = context.getNodeParameter(
		'companies',
		'credential',
	) as TriggerSettings['companies'];
	const realmIds = String(context.getNodeParameter('realmIds', '') ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	if (companies === 'list' && realmIds.length === 0)
		throw new Error(
			'"Company IDs" is empty; enter at least one company (realm) ID or choose another "Companies" setting.',
		);
	const filter = {
		entities: context.getNodeParameter('entities', []) as string[],
		operations: context.getNodeParameter('operations', []) as Operation[],
	};
	checkFilter(filter);
	return {
		filter,
		companies,
		realmIds,
		catchUp: options.catchUp === true,
		deduplicate: options.deduplicate !== false,
		fetchRecords: options.fetchRecords === true,
		resumeFrom:
			typeof options.resumeFrom === 'string' && options.resumeFrom ? options.resumeFrom : undefined,
	};
}

function refuse(
	context: IWebhookFunctions,
	status: number,
	error: string,
	message: string,
): IWebhookResponseData {
	context.logger.warn(
		`QuickBooks Sync Trigger "${context.getNode().name}" refused a delivery (HTTP ${status}): ${message}`,
	);
	context.getResponseObject().status(status).json({ error, message });
	return { noWebhookResponse: true };
}

/** Resolves the changes to emit and the state to save with them. */
async function resolveChanges(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	changes: EntityChange[],
	state: TriggerState,
	ownRealm: string,
): Promise<EntityChange[]> {
	const accepted = (c: EntityChange) =>
		settings.companies === 'all' ||
		(settings.companies === 'credential'
			? c.realmId === ownRealm
			: settings.realmIds.includes(c.realmId));
	const wanted = changes.filter((c) => accepted(c) && matches(c, settings.filter));
	const call = qboCaller(context);
	const now = transportTiming.now();

	let emitted: EntityChange[];
	if (settings.catchUp) {
		// The credential's company is read from change data capture (a delivery only says "look");
		// other companies and entities CDC does not cover come from the delivery itself.
		const direct = wanted.filter((c) => c.realmId !== ownRealm || NOT_IN_CDC.has(c.entity));
		try {
			const fromCdc = await readSince(call, {
				realmId: ownRealm,
				entities: settings.filter.entities,
				cursor: cursorFor(state, settings.resumeFrom, ownRealm, now),
				nowMs: now,
				hints: wanted,
			});
			state.cursors[ownRealm] = fromCdc.cursor;
			emitted = [...fromCdc.changes.filter((c) => matches(c, settings.filter)), ...direct];
		} catch (error) {
			// Acknowledged already: emit what the delivery says rather than lose it; the cursor stays,
			// so the next delivery reads the same changes again.
			context.logger.error(
				`QuickBooks Sync Trigger "${context.getNode().name}": catch-up read failed, emitting the delivery's own changes: ${(error as Error).message}`,
			);
			emitted = wanted.map((c) => ({ ...c, catchUpError: (error as Error).message }));
		}
	} else {
		emitted = wanted;
	}

	if (settings.deduplicate) {
		const { fresh } = splitSeen(
			state,
			emitted.map((c) => c.eventId),
		);
		emitted = emitted.filter((c) => fresh.delete(c.eventId));
		rememberEvents(
			state,
			emitted.map((c) => c.eventId),
		);
	}

	if (settings.fetchRecords) {
		const own = emitted.filter((c) => c.realmId === ownRealm);
		try {
			await attachRecords(call, own);
		} catch (error) {
			// Acknowledged already: emit the changes without records rather than lose them.
			for (const c of own)
				if (!c.record && c.operation !== 'Delete')
					(c as EntityChange & { recordError?: string }).recordError = (error as Error).message;
		}
	}
	return emitted;
}

/**
 * Stops before acknowledging when catch-up could not read the gap (beyond 30 days): Intuit keeps
 * the delivery and retries it, so nothing is lost while the admin resyncs.
 */
export function assertNoGap(state: TriggerState, settings: TriggerSettings, nowMs: number): void {
	if (!settings.catchUp) return;
	// Every company with a cursor (in practice the credential's one), without reading the credential
	// here: this runs before the acknowledgement, which must stay fast.
	for (const realmId of Object.keys(state.cursors)) {
		const cursor = cursorFor(plainCopy(state), settings.resumeFrom, realmId, nowMs);
		if (nowMs - Date.parse(cursor.since) > CDC_MAX_DAYS * 86_400_000) {
			throw new CatchUpGapError(
				realmId,
				cursor.since,
				settings.filter.entities.filter((e) => !NOT_IN_CDC.has(e)),
				nowMs,
			);
		}
	}
}

/**
 * The verifier token last seen per trigger and credential. n8n takes ~35 ms to resolve a credential
 * in a webhook call (measured, `npm run bench`), so a delivery that matches the token seen before is
 * acknowledged first and checked against the stored credential right after; if the token was
 * changed in between, nothing is emitted. A delivery that does not match is always checked against
 * the stored credential before it is answered (so 401s are exact). A token read from the credential
 * less than CONFIRMED_FOR_MS ago is not read again: under a burst, each delivery paid two credential
 * reads after its answer, and the next delivery's answer waited behind them (`npm run bench`: p99
 * 162 ms back to back against n8n's Webhook node's 62 ms).
 */
const CONFIRMED_FOR_MS = 10_000;

async function checkSignature(
	context: IWebhookFunctions,
	raw: Buffer,
	signature: string | undefined,
): Promise<Verdict & { confirm?: () => Promise<boolean> }> {
	const cacheKey = `verifier:${stateKey(context)}:${context.getNode().credentials?.quickBooksSyncWebhookApi?.id ?? ''}`;
	const storedToken = async () => {
		const token = String(
			(await context.getCredentials('quickBooksSyncWebhookApi')).verifierToken ?? '',
		);
		recentCredentialReads.set(cacheKey, { value: token, readAt: Date.now() });
		return token;
	};
	const cached = recentCredentialReads.get(cacheKey);
	if (cached && verifyIntuitSignature(raw, signature, cached.value).ok) {
		const fresh = Date.now() - cached.readAt < CONFIRMED_FOR_MS;
		return {
			ok: true,
			confirm: async () => fresh || verifyIntuitSignature(raw, signature, await storedToken()).ok,
		};
	}
	const verdict = verifyIntuitSignature(raw, signature, await storedToken());
	if (!verdict.ok) recentCredentialReads.delete(cacheKey);
	return verdict;
}

/** The QuickBooks credential's company, read at most once every CONFIRMED_FOR_MS per trigger (see above). */
async function ownCompany(context: IWebhookFunctions): Promise<string> {
	const key = `company:${stateKey(context)}:${context.getNode().credentials?.quickBooksSyncOAuth2Api?.id ?? ''}`;
	const known = recentCredentialReads.get(key);
	if (known && Date.now() - known.readAt < CONFIRMED_FOR_MS) return known.value;
	const { realmId } = await getQboConnection.call(context);
	recentCredentialReads.set(key, { value: realmId, readAt: Date.now() });
	return realmId;
}

export async function handleDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const raw = await rawBodyOf(context);
	const headers = context.getHeaderData() as Record<string, string | undefined>;
	const signature = await checkSignature(context, raw, headers['intuit-signature']);
	if (!signature.ok) return refuse(context, 401, 'invalid_signature', signature.reason);

	const contentType = String(headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!ACCEPTED_TYPES.includes(contentType)) {
		return refuse(
			context,
			415,
			'unsupported_content_type',
			`Content-Type "${contentType || '(none)'}" is not one of ${ACCEPTED_TYPES.join(', ')}`,
		);
	}
	let changes: EntityChange[] = [];
	let formatError: string | undefined;
	try {
		changes = parseIntuitDelivery(raw);
	} catch (error) {
		if (!(error instanceof DeliveryFormatError))
			throw new NodeOperationError(context.getNode(), error as Error);
		formatError = error.message;
	}
	if (formatError !== undefined) return refuse(context, 400, 'invalid_delivery', formatError);
	const settings = readSettings(context);
	const key = stateKey(context);
	const staticData = context.getWorkflowStaticData('node');
	assertNoGap(loadState(key, staticData.state), settings, transportTiming.now());

	// Acknowledge now; the work below may take longer than Intuit waits. (The QuickBooks credential
	// is read after it: resolving an OAuth2 credential costs n8n tens of milliseconds, and activation
	// already checked that it names a company.)
	context.getResponseObject().status(200).json({ received: changes.length });
	if (signature.confirm && !(await signature.confirm())) {
		context.logger.warn(
			`QuickBooks Sync Trigger "${context.getNode().name}" dropped a delivery signed with a verifier token that is no longer the credential's`,
		);
		return { noWebhookResponse: true };
	}
	let ownRealm: string;
	try {
		ownRealm = await ownCompany(context);
	} catch (error) {
		// Acknowledged already: the changes are emitted unfiltered by company, each with the reason.
		const reason = `The QuickBooks credential could not be read, so changes were not filtered by company: ${(error as Error).message}`;
		context.logger.error(`QuickBooks Sync Trigger "${context.getNode().name}": ${reason}`);
		const items = changes
			.filter((c) => matches(c, settings.filter))
			.map(
				(c): INodeExecutionData => ({ json: { ...c, error: reason } as unknown as IDataObject }),
			);
		return items.length
			? { noWebhookResponse: true, workflowData: [items] }
			: { noWebhookResponse: true };
	}

	const items = await serialized(key, async () => {
		const state = loadState(key, staticData.state);
		const emitted = await resolveChanges(context, settings, changes, state, ownRealm);
		staticData.state = saveState(key, state) as unknown as IDataObject;
		return emitted.map(
			(change): INodeExecutionData => ({ json: change as unknown as IDataObject }),
		);
	});
	return items.length
		? { noWebhookResponse: true, workflowData: [items] }
		: { noWebhookResponse: true };
}
