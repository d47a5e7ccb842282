/** Small HTTP helpers shared by the API, OAuth and admin handlers. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { QboFault } from './fault';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function intuitTid(): string {
	return `1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES)
			throw new QboFault(413, [
				{
					code: '413',
					Message: 'Request Entity Too Large',
					Detail: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
				},
			]);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

export function send(
	res: ServerResponse,
	status: number,
	contentType: string,
	body: string | Buffer,
	headers: Record<string, string> = {},
): void {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, {
		'content-type': contentType,
		'content-length': Buffer.byteLength(body),
		...headers,
	});
	res.end(body);
}
