/**
 * What every engine operation shares: reading the JSON list parameters, the connection, and
 * turning a push or pull result into the node's four outputs (App Writes, Issues, Summary, App
 * Creates).
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { QboCall } from '../../shared/qbo/caller';
import { getQboConnection, qboCaller } from '../../shared/qbo/transport';
import { retryRoundsFor } from './issue-queue';
import type { NamedRef } from '../../shared/sync/customers/references';
import { checkDateRange, type DateRange } from '../../shared/sync/pipeline/date-range';
import type { PullResult } from '../../shared/sync/pipeline/pull-report';
import type { PushResult } from '../../shared/sync/pipeline/push-report';

export type EngineOutputs = INodeExecutionData[][];

const LIST_LABELS: Record<string, string> = {
	appTerms: 'App Payment Terms',
	pullAppTerms: 'App Payment Terms',
	appTaxRates: 'App Tax Rates',
};

/** A JSON parameter as given (an expression may give it parsed already); empty is []; unreadable JSON is undefined. */
function jsonParameter(context: IExecuteFunctions, name: string): unknown {
	const raw = context.getNodeParameter(name, 0, '[]') as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return raw.trim() ? JSON.parse(raw) : [];
	} catch {
		return undefined;
	}
}

/** A `[{ "id", "name" }]` parameter (the app's terms or tax rates), checked with an error that says how to fill it. */
export function namedRefs(context: IExecuteFunctions, name: string): NamedRef[] {
	const value = jsonParameter(context, name);
	if (
		!Array.isArray(value) ||
		value.some(
			(r) =>
				!r ||
				typeof r !== 'object' ||
				typeof (r as IDataObject).id !== 'string' ||
				typeof (r as IDataObject).name !== 'string',
		)
	) {
		throw new NodeOperationError(
			context.getNode(),
			`"${LIST_LABELS[name] ?? name}" must be a JSON list of { "id": "...", "name": "..." }`,
			{
				description:
					"Use an expression over the node that lists them, e.g. {{ $('Get terms').all().map(i => ({ id: i.json.id, name: i.json.name })) }}, or leave [] to not sync them.",
			},
		);
	}
	return value as NamedRef[];
}

export const now = () => new Date().toISOString();

/** A failed run: nothing after the failed request was written, and request ids make the retry safe. */
export async function orFail<T>(
	context: IExecuteFunctions,
	run: Promise<T>,
	description: string,
): Promise<T> {
	return await run.catch((error: Error) => {
		throw new NodeOperationError(context.getNode(), error, { description });
	});
}

/** A push: one link write (or error) per input record, paired with its item. */
export function pushOutputs(items: INodeExecutionData[], result: PushResult): EngineOutputs {
	return [
		result.appWrites.map(({ item, ...write }) => ({
			json: write as unknown as IDataObject,
			pairedItem: { item },
		})),
		result.issues.map(({ item, ...issue }) => ({
			json: issue as unknown as IDataObject,
			pairedItem: { item },
		})),
		[{ json: result.summary as IDataObject, pairedItem: items.map((_, item) => ({ item })) }],
		[],
	];
}

/**
 * A pull or two-way run: PATCH and PUT on output 1 in order, POST (with the link to write under the
 * new id) on output 4. A dry run lists them in the summary instead and outputs no write.
 */
export function pullOutputs(
	items: INodeExecutionData[],
	result: PullResult,
	dryRun: boolean,
): EngineOutputs {
	const all = items.map((_, item) => ({ item }));
	const out = (list: object[]) =>
		list.map((json) => ({ json: json as IDataObject, pairedItem: all }));
	if (dryRun && result.summary.direction !== 'twoWay') {
		result.summary = {
			...result.summary,
			dryRun: true,
			plannedWrites: result.appChanges.map(({ method, path, body }) => ({
				write: method,
				path,
				body,
			})),
		};
		result.appChanges = [];
	}
	return [
		out(result.appChanges.filter((c) => c.method !== 'POST')),
		out(result.issues),
		out([result.summary]),
		out(result.appChanges.filter((c) => c.method === 'POST')),
	];
}

/** What every push takes from the connection and the node. */
export interface PushBase {
	realmId: string;
	baseUrl: string;
	retryRounds: Readonly<Record<string, number>>;
	dryRun: boolean;
	now: () => string;
}

/**
 * A push: the sync core's flow on the input records with the company's caller, its result on the
 * four outputs. A settings error (`settingsError`, thrown before any write) says to correct the
 * setting; any other failure says what `onFailure` says about what was written.
 */
export async function runPush(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	flow: (call: QboCall, records: IDataObject[], base: PushBase) => Promise<PushResult>,
	onFailure: string,
	settingsError?: new (...args: never[]) => Error,
): Promise<EngineOutputs> {
	const { realmId, baseUrl } = await getQboConnection.call(context);
	const base: PushBase = {
		realmId,
		baseUrl,
		retryRounds: retryRoundsFor(context),
		dryRun: context.getNodeParameter('dryRun', 0, false) as boolean,
		now,
	};
	const run = flow(
		qboCaller(context),
		items.map((i) => i.json),
		base,
	).catch((error: Error) => {
		if (settingsError && error instanceof settingsError)
			throw new NodeOperationError(context.getNode(), error.message, {
				description: 'Nothing was written. Correct the setting and run again.',
			});
		throw error;
	});
	return pushOutputs(items, await orFail(context, run, onFailure));
}

/**
 * A run that writes to the app (pull, import): the sync core's flow on the input records with
 * the company's caller, its result on the four outputs; a failed run says nothing was written.
 */
export async function runPull(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	flow: (call: QboCall, records: IDataObject[], realmId: string) => Promise<PullResult>,
	onFailure: string,
): Promise<EngineOutputs> {
	const { realmId } = await getQboConnection.call(context);
	const dryRun = context.getNodeParameter('dryRun', 0, false) as boolean;
	const result = await orFail(
		context,
		flow(
			qboCaller(context),
			items.map((i) => i.json),
			realmId,
		),
		onFailure,
	);
	return pullOutputs(items, result, dryRun);
}

/** The history import's date range, checked before anything is read. */
export function dateRange(context: IExecuteFunctions): DateRange {
	try {
		return checkDateRange({
			from: String(context.getNodeParameter('dateFrom', 0, '')).trim(),
			to: String(context.getNodeParameter('dateTo', 0, '')).trim(),
		});
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description:
				"Set the range in the node (or the template's Settings); a re-run over the same range adds only what is missing.",
		});
	}
}

/** A JSON list of app records given as a parameter (the app's projects, cost codes), each with an id. */
export function recordList(context: IExecuteFunctions, name: string, label: string): IDataObject[] {
	const value = jsonParameter(context, name);
	if (
		!Array.isArray(value) ||
		value.some((r) => !r || typeof r !== 'object' || typeof (r as IDataObject).id !== 'string')
	) {
		throw new NodeOperationError(
			context.getNode(),
			`"${label}" must be a JSON list of app records, each with its "id" (and "qboId" once linked)`,
			{
				description: `Use an expression over the node that lists them, e.g. {{ JSON.stringify($('List ${label.toLowerCase().replace('app ', '')}').all().flatMap(i => i.json.data)) }}, or [] when the app has none.`,
			},
		);
	}
	return value as IDataObject[];
}
