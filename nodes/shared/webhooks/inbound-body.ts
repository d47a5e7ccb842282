/**
 * Bodies the "Sync Webhook" trigger accepts, validated with zod; every problem is reported with
 * its field path so the sender can fix it.
 * - A change: this package's envelope `{ event: "<resource>.<created|updated|deleted>", id,
 *   occurredAt, data }`, or the app contract's own webhook `{ id, type, occurredAt, resource,
 *   record }` (docs/app-contract.md §7), whose record is checked against the contract's shape.
 * - A "sync now" command `{ sync: "<resource>" | "all" }`.
 * - Any JSON.
 */
import { z, type ZodIssue } from 'zod';

import { RESOURCES, recordSchema, type ResourceName } from '../sync/contract/schemas';

export type BodyShape = 'change' | 'syncCommand' | 'any';

export interface BodyIssue {
	path: string;
	message: string;
}

export type ParsedBody = { ok: true; value: SyncWebhookEvent } | { ok: false; issues: BodyIssue[] };

export type SyncWebhookEvent =
	| {
			kind: 'change';
			eventId: string;
			event: string;
			resource: ResourceName;
			action: 'created' | 'updated' | 'deleted';
			recordId: string;
			occurredAt: string;
			data: Record<string, unknown>;
	  }
	| { kind: 'sync'; eventId?: string; sync: ResourceName | 'all'; resources: ResourceName[] }
	| { kind: 'json'; eventId?: string; body: unknown };

const ACTIONS = ['created', 'updated', 'deleted'] as const;
const timestamp = z.string().datetime({
	offset: true,
	message: 'must be an ISO-8601 date and time, e.g. 2026-11-22T06:03:54.945Z',
});

const eventName = z.string().refine(
	(value) => {
		const [resource, action, ...rest] = value.split('.');
		return (
			rest.length === 0 &&
			(RESOURCES as string[]).includes(resource) &&
			(ACTIONS as readonly string[]).includes(action)
		);
	},
	{
		message: `must be "<resource>.<created|updated|deleted>" with a resource of ${RESOURCES.join(', ')}`,
	},
);

const envelope = z
	.object({
		event: eventName,
		id: z.string().min(1, 'must not be empty'),
		occurredAt: timestamp,
		data: z.record(z.unknown()),
	})
	.strict();

const syncCommand = z
	.object({
		sync: z.enum(['all', ...RESOURCES] as [string, ...string[]], {
			errorMap: () => ({ message: `must be "all" or one of ${RESOURCES.join(', ')}` }),
		}),
		id: z.string().min(1).optional(),
	})
	.strict();

function issuesOf(issues: ZodIssue[], rename: (path: string) => string = (p) => p): BodyIssue[] {
	return issues.map((issue) => ({
		path: rename(issue.path.join('.')) || '(body)',
		message:
			issue.code === 'unrecognized_keys'
				? `unknown field(s) ${issue.keys.join(', ')}`
				: issue.message,
	}));
}

function parseJson(
	raw: Buffer | string,
): { ok: true; value: unknown } | { ok: false; issues: BodyIssue[] } {
	const text = (Buffer.isBuffer(raw) ? raw.toString('utf8') : raw).replace(/^\uFEFF/, '');
	if (text.trim() === '')
		return { ok: false, issues: [{ path: '(body)', message: 'the body is empty; send JSON' }] };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return {
			ok: false,
			issues: [{ path: '(body)', message: `the body is not JSON: ${(error as Error).message}` }],
		};
	}
}

/** The record's problems, when the event names a known resource (so every problem is reported at once). */
function recordIssues(event: unknown, data: unknown, dataPath: string): BodyIssue[] {
	const [resource, action] = typeof event === 'string' ? event.split('.') : [];
	if (
		!(RESOURCES as string[]).includes(resource) ||
		!data ||
		typeof data !== 'object' ||
		Array.isArray(data)
	)
		return [];
	const record = recordSchema(resource as ResourceName).safeParse(data);
	const issues = record.success
		? []
		: issuesOf(record.error.issues).map((i) => ({
				...i,
				path: i.path === '(body)' ? dataPath : `${dataPath}.${i.path}`,
			}));
	if (action === 'deleted' && !(data as Record<string, unknown>).deletedAt)
		issues.push({
			path: `${dataPath}.deletedAt`,
			message: `a ${String(event)} event must carry the record with its deletedAt time`,
		});
	return issues;
}

function parseChange(value: unknown): ParsedBody {
	// The app contract's webhook is mapped onto the envelope; problems keep the sender's field names.
	const body = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<
		string,
		unknown
	>;
	const contractForm = 'type' in body && 'record' in body && !('event' in body);
	const { type, record, resource, ...rest } = body;
	const candidate = contractForm ? { ...rest, event: type, data: record } : value;
	const rename = contractForm
		? (p: string) => p.replace(/^event\b/, 'type').replace(/^data\b/, 'record')
		: undefined;
	const dataPath = contractForm ? 'record' : 'data';
	const parsed = envelope.safeParse(candidate);
	const issues = [
		...(parsed.success ? [] : issuesOf(parsed.error.issues, rename)),
		...recordIssues(contractForm ? type : body.event, contractForm ? record : body.data, dataPath),
	];
	if (
		contractForm &&
		resource !== undefined &&
		typeof type === 'string' &&
		resource !== type.split('.')[0]
	) {
		issues.push({
			path: 'resource',
			message: `"${String(resource)}" does not match the type "${type}"`,
		});
	}
	if (!parsed.success || issues.length) return { ok: false, issues };
	const { event, id, occurredAt, data } = parsed.data;
	const [name, action] = event.split('.') as [ResourceName, (typeof ACTIONS)[number]];
	return {
		ok: true,
		value: {
			kind: 'change',
			eventId: id,
			event,
			resource: name,
			action,
			recordId: String(data.id),
			occurredAt,
			data,
		},
	};
}

export function parseSyncWebhookBody(raw: Buffer | string, shape: BodyShape): ParsedBody {
	const json = parseJson(raw);
	if (!json.ok) return json;
	if (shape === 'any') return { ok: true, value: { kind: 'json', body: json.value } };
	if (shape === 'syncCommand') {
		const parsed = syncCommand.safeParse(json.value);
		if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error.issues) };
		const sync = parsed.data.sync as ResourceName | 'all';
		return {
			ok: true,
			value: {
				kind: 'sync',
				...(parsed.data.id ? { eventId: parsed.data.id } : {}),
				sync,
				resources: sync === 'all' ? [...RESOURCES] : [sync],
			},
		};
	}
	return parseChange(json.value);
}

/** Reads a dotted field path (`id`, `meta.eventId`) from a parsed body for idempotency. */
export function fieldAt(body: unknown, path: string): string | undefined {
	let value: unknown = body;
	for (const part of path.split('.').filter(Boolean)) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
