/** What every webhook node of this package needs from n8n's request: the raw bytes, and where its state lives. */
import type { IWebhookFunctions } from 'n8n-workflow';

/** The key of a webhook node's state (seen deliveries, credential reads): one per workflow and node. */
export function stateKey(context: Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>): string {
	return `${context.getWorkflow().id ?? 'unsaved'}:${context.getNode().id}`;
}

/** The body exactly as it arrived, for signatures computed over the raw bytes. */
export async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer> {
	const request = context.getRequestObject() as unknown as {
		rawBody?: Buffer;
		readRawBody?: () => Promise<void>;
	};
	// At typeVersion ≥ 2 n8n leaves non-JSON bodies (CloudEvents) unread: read them here.
	if (request.rawBody === undefined && typeof request.readRawBody === 'function')
		await request.readRawBody();
	return request.rawBody ?? Buffer.alloc(0);
}
