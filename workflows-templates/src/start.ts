/** How every template starts: the three triggers, Settings, the currency check and the cursor. */
import {
	credential,
	engine,
	node,
	PACKAGE,
	type Extra,
	type Json,
	type Target,
	type TemplateNode,
} from './nodes';
import { appGet } from './app-side';

export interface TriggerNames {
	schedule: string;
	manual: string;
	webhook: string;
}
export const SYNC_TRIGGERS: TriggerNames = {
	schedule: 'Every 15 minutes',
	manual: 'Sync now',
	webhook: 'Sync now from another tool',
};

/** The schedule, the editor's button and the Sync Webhook, all starting at Settings. */
export function triggers(options: {
	webhookId: string;
	names?: TriggerNames;
	/** Schedule Trigger rule; default every 15 minutes. */
	rule?: Json;
	scheduleOff?: boolean;
}): TemplateNode[] {
	const names = options.names ?? SYNC_TRIGGERS;
	return [
		node(
			names.schedule,
			'n8n-nodes-base.scheduleTrigger',
			1.2,
			{ rule: options.rule ?? { interval: [{ field: 'minutes', minutesInterval: 15 }] } },
			{ next: 'Settings', ...(options.scheduleOff ? { disabled: true } : {}) },
		),
		node(names.manual, 'n8n-nodes-base.manualTrigger', 1, {}, { next: 'Settings' }),
		node(
			names.webhook,
			`${PACKAGE}.syncWebhook`,
			1,
			{
				authentication: 'header',
				authHeaderName: 'X-Webhook-Secret',
				bodyShape: 'syncCommand',
				eventIdFrom: 'header',
				eventIdHeader: 'X-Event-Id',
			},
			{ webhookId: options.webhookId, credentials: credential.syncWebhook, next: 'Settings' },
		),
	];
}

/** Settings: the app's URL first, then the template's own values (`id` keeps the admin's edits matched). */
export function settings(
	values: Array<{ id: string; name: string; value: string }>,
	extra: Extra,
): TemplateNode {
	const assignments = [{ id: 's1', name: 'appBaseUrl', value: 'http://127.0.0.1:9500' }, ...values];
	return node(
		'Settings',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			includeOtherFields: false,
			options: {},
			assignments: { assignments: assignments.map((a) => ({ ...a, type: 'string' })) },
		},
		{ executeOnce: true, ...extra },
	);
}

/** Read the app's company, then stop before any write when its currencies and QuickBooks' differ. */
export function currencyCheck(next: Target | Target[]): TemplateNode[] {
	return [
		appGet('Read app company', '/v1/company', { executeOnce: true, next: 'Check currencies' }),
		node(
			'Check currencies',
			`${PACKAGE}.quickBooksSyncEngine`,
			1,
			{ resource: 'company', operation: 'checkCurrencies' },
			{
				credentials: credential.quickBooks,
				outputs: [[], [], Array.isArray(next) ? next : [next]],
			},
		),
	];
}

export function getCursor(resource: string, startFrom: string, extra: Extra): TemplateNode {
	return engine(
		'Where the last run ended',
		{ resource, operation: 'getCursor', startFrom },
		{ credentials: undefined, ...extra },
	);
}

/** Moves the cursor once per run: from the sync node's summary output, or the item it is given. */
export function commitCursor(resource: string, syncNode?: string, extra: Extra = {}): TemplateNode {
	return engine(
		'Commit cursor',
		{
			resource,
			operation: 'commitCursor',
			cursor: syncNode
				? `={{ $('${syncNode}').first(2).json.safeCursor ?? '' }}`
				: "={{ $json.safeCursor ?? '' }}",
		},
		{ credentials: undefined, ...(syncNode ? { executeOnce: true } : {}), ...extra },
	);
}

/** How a template starts: the triggers, Settings, then optionally the currency check and the cursor. */
export interface Start {
	webhookId: string;
	triggerNames?: TriggerNames;
	rule?: Json;
	scheduleOff?: boolean;
	/** Settings values after the app's URL. */
	settings?: Array<{ id: string; name: string; value: string }>;
	checkCurrencies?: boolean;
	cursor?: { resource: string; startFrom: string };
	/** The first nodes of the app side. */
	next: Target | Target[];
}

/** The nodes before the app side, wired in a line: triggers → Settings → [currencies] → [cursor] → next. */
export function startNodes(start: Start): TemplateNode[] {
	const line: Array<(next: Target | Target[]) => TemplateNode[]> = [
		(next) => [settings(start.settings ?? [], { next })],
		...(start.checkCurrencies ? [(next: Target | Target[]) => currencyCheck(next)] : []),
		...(start.cursor
			? [
					(next: Target | Target[]) => [
						getCursor(start.cursor!.resource, start.cursor!.startFrom, { next }),
					],
				]
			: []),
	];
	const built: TemplateNode[][] = [];
	let next: Target | Target[] = start.next;
	for (const make of [...line].reverse()) {
		const nodes = make(next);
		built.unshift(nodes);
		next = nodes[0].name;
	}
	return [
		...triggers({
			webhookId: start.webhookId,
			...(start.triggerNames ? { names: start.triggerNames } : {}),
			...(start.rule ? { rule: start.rule } : {}),
			...(start.scheduleOff ? { scheduleOff: true } : {}),
		}),
		...built.flat(),
	];
}
