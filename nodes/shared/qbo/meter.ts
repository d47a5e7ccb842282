/**
 * What a QuickBooks call costs under Intuit's App Partner Program (docs/quickbooks-costs.md):
 * "Core" calls put data in (create, update, delete, void, send) and are free; "CorePlus" calls take
 * data out (reads, queries, CDC, reports, PDFs) and are metered, 500 000 a month on the free tier.
 * Only successful calls count, and each batch item counts as the call it stands for.
 */

export interface QboSpend {
	/** CorePlus: metered. */
	reads: number;
	/** Core: not metered. */
	writes: number;
}

export interface MeteredRequest {
	method: string;
	/** Below /v3/company/{realmId}/, query string allowed. */
	path: string;
	body?: unknown;
}

type Json = Record<string, unknown>;

const isQuery = (path: string) => /^query(\?|$)/i.test(path);
const isBatch = (path: string) => /^batch(\?|$)/i.test(path);

/** A batch item that takes data out: a query, a CDC query or a report query. */
const isReadItem = (item: Json | undefined) =>
	!!item && ('Query' in item || 'CDCQuery' in item || 'ReportQuery' in item);

function parsed(body: unknown): Json | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as Json;
	try {
		const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '');
		return text.trim().startsWith('{') ? (JSON.parse(text) as Json) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The spend of one successful answer. For a batch, each item that succeeded counts by what it asked:
 * `response` is needed to leave out the items QuickBooks refused.
 */
export function spendOf(request: MeteredRequest, response?: unknown): QboSpend {
	if (request.method.toUpperCase() === 'GET' || isQuery(request.path))
		return { reads: 1, writes: 0 };
	if (!isBatch(request.path)) return { reads: 0, writes: 1 };
	const asked = new Map(
		((parsed(request.body)?.BatchItemRequest ?? []) as Json[]).map((item) => [
			String(item.bId),
			item,
		]),
	);
	const answered = (parsed(response)?.BatchItemResponse ?? []) as Json[];
	const spend = { reads: 0, writes: 0 };
	for (const item of answered) {
		if (item.Fault) continue;
		if (isReadItem(asked.get(String(item.bId)))) spend.reads++;
		else spend.writes++;
	}
	return spend;
}

/** Adds up what one run spends. */
export class QboMeter implements QboSpend {
	reads = 0;
	writes = 0;

	add(spend: QboSpend): void {
		this.reads += spend.reads;
		this.writes += spend.writes;
	}

	/** The figures every engine summary carries. */
	get summary(): { qboReads: number; qboWrites: number } {
		return { qboReads: this.reads, qboWrites: this.writes };
	}
}
