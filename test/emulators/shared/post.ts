/** One HTTP POST for webhook deliveries: the status, or the network error in words. */
import http from 'node:http';
import https from 'node:https';

export function postJson(
	url: string,
	headers: Record<string, string>,
	body: string,
	timeoutMs: number,
): Promise<{ status?: number; error?: string }> {
	return new Promise((resolve) => {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		const req = client.request(
			target,
			{
				method: 'POST',
				headers: { ...headers, 'content-length': Buffer.byteLength(body) },
				timeout: timeoutMs,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', (error) => resolve({ error: error.message }));
		req.end(body);
	});
}
