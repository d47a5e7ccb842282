/**
 * Writes any number of operations through QBO's batch endpoint, 30 per request (quickbooks-api-notes.md §6),
 * and maps each per-item answer or fault back to the input by its bId. A batch with a requestid
 * may use bIds of at most 10 characters, so bIds are the item's index in its chunk. A request that
 * fails after the transport's retries never hides what was already written: its items and the
 * ones after it come back as failed, each saying why.
 */
import { faultCodesOf, type QboCall, type QboJson } from './caller';

export const QBO_BATCH_SIZE = 30;

export interface BatchOperation {
	operation: 'create' | 'update' | 'delete';
	entity: string;
	body: QboJson;
	/** `update` with optionsData "void" voids (payments, bill payments, invoices). */
	void?: boolean;
	/** A stable key for the whole chunk's requestid when every item of the chunk has one. */
	idempotencyKey?: string;
}

export type BatchResult =
	| { ok: true; index: number; entity: QboJson }
	| {
			ok: false;
			index: number;
			fault: {
				type: string;
				errors: Array<{ code: string; message: string; detail: string; element: string }>;
			};
	  };

export async function writeBatch(
	call: QboCall,
	operations: BatchOperation[],
	size = QBO_BATCH_SIZE,
): Promise<BatchResult[]> {
	const results: BatchResult[] = [];
	for (let offset = 0; offset < operations.length; offset += size) {
		const chunk = operations.slice(offset, offset + size);
		const keys = chunk.map((op) => op.idempotencyKey);
		const body = {
			BatchItemRequest: chunk.map((op, i) => ({
				bId: String(i),
				operation: op.void ? 'update' : op.operation,
				...(op.void ? { optionsData: 'void' } : {}),
				[op.entity]: op.body,
			})),
		};
		const answer = await call({
			method: 'POST',
			path: 'batch',
			body,
			batchItems: chunk.length,
			idempotencyKey: keys.every(Boolean) ? `batch:${keys.join('|')}` : undefined,
		}).catch((error: unknown) => error as Error);
		if (answer instanceof Error) {
			// The transport already retried. Earlier requests were written: say exactly which items were not.
			const detail = answer.message;
			for (let index = offset; index < operations.length; index++) {
				const sent = index < offset + chunk.length;
				results.push({
					ok: false,
					index,
					fault: {
						type: sent ? 'RequestFailed' : 'NotSent',
						errors: [
							{
								code: faultCodesOf(answer)[0] ?? '',
								message: sent
									? 'The batch request with this item failed; it was not written'
									: 'Not sent: an earlier batch request failed',
								detail,
								element: '',
							},
						],
					},
				});
			}
			return results;
		}
		const byId = new Map<string, QboJson>(
			(answer.BatchItemResponse ?? []).map((item: QboJson) => [String(item.bId), item]),
		);
		chunk.forEach((op, i) => {
			const index = offset + i;
			const item = byId.get(String(i));
			if (!item) {
				results.push({
					ok: false,
					index,
					fault: {
						type: 'Missing',
						errors: [
							{
								code: '',
								message: 'QuickBooks returned no answer for this batch item',
								detail: `bId ${i}`,
								element: '',
							},
						],
					},
				});
			} else if (item.Fault) {
				results.push({
					ok: false,
					index,
					fault: {
						type: String(item.Fault.type ?? ''),
						errors: (item.Fault.Error ?? []).map((e: QboJson) => ({
							code: String(e.code ?? ''),
							message: String(e.Message ?? ''),
							detail: String(e.Detail ?? ''),
							element: String(e.element ?? ''),
						})),
					},
				});
			} else {
				results.push({ ok: true, index, entity: item[op.entity] ?? item });
			}
		});
	}
	return results;
}
