/**
 * Carries out the QuickBooks side of a plan through the shared QBO helpers: creates and updates
 * 30 per batch request (each chunk with a requestid made of its records' requestids, so a re-run
 * of the same chunk is answered from QBO's memory), a stale SyncToken (5010) retried as a sparse
 * update after a fresh read, and a create refused as a duplicate name (6240: an overlapping run
 * created it first) resolved by finding that record and accepting it when it holds the same fields.
 * Every action ends in exactly one outcome.
 */
import { writeBatch, type BatchOperation, type BatchResult } from '../../qbo/batch';
import { faultCodesOf, type QboCall, type QboJson } from '../../qbo/caller';
import { describeQboFault } from '../../qbo/faults';
import { queryAll, withInactive } from '../../qbo/paging';
import type { QueryCondition } from '../../qbo/query';
import { sparseUpdate } from '../../qbo/sparse-update';
import { fingerprint } from './fingerprint';
import type { PlannedAction } from './planner';

export type Outcome =
	| { status: 'written'; action: PlannedAction<unknown>; qbo: QboJson; note?: string }
	| { status: 'unchanged'; action: PlannedAction<unknown> }
	| { status: 'issue'; action: PlannedAction<unknown>; reason: string; fix: string; code: string };

export interface ApplyOptions {
	entity: string;
	/** The neutral fields of a QBO record, to recognise a duplicate-name record as our own earlier write. */
	fieldsOf(qbo: QboJson): object;
	/** The unique name of a QBO record (DisplayName, Name). */
	nameField: string;
	/**
	 * One request per record, each with its own requestid, instead of batches (money documents): a
	 * batch's requestid covers its whole chunk, so two runs that chunk differently could both write
	 * a record; per record, a repeat is always answered from QuickBooks' memory. QBO meters batch
	 * items like requests, so this costs request round trips, not throughput.
	 */
	oneByOne?: boolean;
}

const PARALLEL = 10; // QBO's concurrent-request limit per company; the transport's throttle paces them.

/** The fault a failed call carries (the transport's NodeApiError keeps QBO's parsed fault). */
function faultOf(error: unknown): BatchFault {
	const holder = error as {
		errorResponse?: { fault?: BatchFault };
		fault?: BatchFault;
		message?: string;
	};
	const fault = holder?.errorResponse?.fault ?? holder?.fault;
	if (fault?.errors?.length)
		return {
			type: String(fault.type ?? ''),
			errors: fault.errors.map((e) => ({
				code: String(e.code ?? ''),
				message: String(e.message ?? ''),
				detail: String(e.detail ?? ''),
				element: String(e.element ?? ''),
			})),
		};
	return {
		type: 'RequestFailed',
		errors: [
			{
				code: '',
				message: "The request failed after the transport's retries; it was not confirmed written",
				detail: String(holder?.message ?? error),
				element: '',
			},
		],
	};
}

async function writeOneByOne(call: QboCall, operations: BatchOperation[]): Promise<BatchResult[]> {
	const results: BatchResult[] = new Array(operations.length);
	let next = 0;
	const worker = async () => {
		while (next < operations.length) {
			const index = next++;
			const op = operations[index];
			try {
				const answer = await call({
					method: 'POST',
					path: op.entity.toLowerCase(),
					body: op.body,
					idempotencyKey: op.idempotencyKey,
				});
				results[index] = { ok: true, index, entity: answer[op.entity] ?? answer };
			} catch (error) {
				results[index] = { ok: false, index, fault: faultOf(error) };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(PARALLEL, operations.length) }, worker));
	return results;
}

type BatchFault = Extract<BatchResult, { ok: false }>['fault'];

function faultText(fault: BatchFault): string {
	return describeQboFault({ type: fault.type, errors: fault.errors });
}

function fixFor(codes: string[]): string {
	if (codes.includes('6240'))
		return 'Rename one of the two records (QuickBooks names are unique across customers, vendors and employees), or link the app record to the existing one by setting its qboId.';
	if (codes.includes('6000') || codes.includes('2010') || codes.includes('2020'))
		return 'Correct the field named in the reason in the app; the next run writes it.';
	if (codes.includes('5010'))
		return 'The record changed in QuickBooks during the sync; the next run reads it again and retries.';
	return 'Fix what the reason says; the next run retries this record.';
}

async function findByName(
	call: QboCall,
	entity: string,
	nameField: string,
	name: string,
): Promise<QboJson | undefined> {
	const where: QueryCondition[] = [
		{ field: nameField, operator: '=', value: name },
		...withInactive(entity),
	];
	return (await queryAll(call, { entity, where }, { limit: 2 }))[0];
}

export async function applyToQuickBooks(
	call: QboCall,
	actions: Array<PlannedAction<unknown>>,
	options: ApplyOptions,
): Promise<Outcome[]> {
	const outcomes: Outcome[] = new Array(actions.length);
	const writes: Array<{ index: number; op: BatchOperation }> = [];
	actions.forEach((action, index) => {
		if (action.kind === 'createInQuickBooks') {
			writes.push({
				index,
				op: {
					operation: 'create',
					entity: options.entity,
					body: action.body,
					idempotencyKey: action.requestId,
				},
			});
		} else if (action.kind === 'updateQuickBooks') {
			writes.push({
				index,
				op: {
					operation: 'update',
					entity: options.entity,
					body: { ...action.body, Id: action.qboId, SyncToken: action.syncToken, sparse: true },
					idempotencyKey: action.requestId,
				},
			});
		} else if (action.kind === 'issue') {
			outcomes[index] = {
				status: 'issue',
				action,
				reason: action.reason,
				fix: action.fix,
				code: action.code,
			};
		} else {
			outcomes[index] = { status: 'unchanged', action };
		}
	});

	const results = options.oneByOne
		? await writeOneByOne(
				call,
				writes.map((w) => w.op),
			)
		: await writeBatch(
				call,
				writes.map((w) => w.op),
			);
	for (const result of results) {
		const { index } = writes[result.index];
		const action = actions[index];
		if (result.ok) {
			outcomes[index] = { status: 'written', action, qbo: result.entity };
			continue;
		}
		const codes = result.fault.errors.map((e) => e.code);
		outcomes[index] = await recover(call, action, result.fault, codes, options);
	}
	return outcomes;
}

async function recover(
	call: QboCall,
	action: PlannedAction<unknown>,
	fault: BatchFault,
	codes: string[],
	options: ApplyOptions,
): Promise<Outcome> {
	const failed = (reason: string, fix = fixFor(codes), code = codes[0] || fault.type): Outcome => ({
		status: 'issue',
		action,
		reason,
		fix,
		code,
	});
	try {
		if (action.kind === 'updateQuickBooks' && codes.includes('5010')) {
			const qbo = await sparseUpdate(call, {
				entity: options.entity,
				id: action.qboId,
				changes: action.body,
				idempotencyKey: action.requestId,
			});
			return {
				status: 'written',
				action,
				qbo,
				note: 'the record had changed in QuickBooks; written again on the fresh version',
			};
		}
		if (action.kind === 'createInQuickBooks' && codes.includes('6240')) {
			const name = String(action.body[options.nameField] ?? '');
			const existing = await findByName(call, options.entity, options.nameField, name);
			if (
				existing &&
				fingerprint(options.fieldsOf(existing) as Record<string, unknown>) === action.fingerprint
			) {
				return {
					status: 'written',
					action,
					qbo: existing,
					note: 'already created with the same fields (an earlier or overlapping run); linked to it',
				};
			}
			return failed(
				`QuickBooks already has ${existing ? `${options.entity.toLowerCase()} ${String(existing.Id)}` : 'a record'} named "${name}" with other details: ${faultText(fault)}`,
			);
		}
	} catch (error) {
		const retryCodes = faultCodesOf(error);
		return failed(
			`${faultText(fault)}; the retry failed too: ${(error as Error).message}`,
			fixFor(retryCodes.length ? retryCodes : codes),
			retryCodes[0] || codes[0] || fault.type,
		);
	}
	return failed(faultText(fault));
}
