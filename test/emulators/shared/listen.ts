/** Starts an HTTP server for an emulator and closes it with every open connection. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
	url: string;
	port: number;
	close(): Promise<void>;
}

export async function listen(
	handler: http.RequestListener,
	port = 0,
	host = '127.0.0.1',
): Promise<Listening> {
	const server = http.createServer(handler);
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const actual = (server.address() as AddressInfo).port;
	return {
		url: `http://${host}:${actual}`,
		port: actual,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
