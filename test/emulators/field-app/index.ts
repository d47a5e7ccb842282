/** The reference field-service app of docs/app-contract.md: `startFieldApp({ port: 0 })` → `{ url, apiKey, state, stop }`. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, DEFAULT_API_KEY, FieldAppState, type FieldAppOptions } from './server';

export { DEFAULT_API_KEY, FieldAppState } from './server';
export { signBody } from './webhooks';

export interface FieldAppEmulator {
	url: string;
	port: number;
	apiKey: string;
	state: FieldAppState;
	stop(): Promise<void>;
}

export async function startFieldApp(options: FieldAppOptions & { port?: number; host?: string } = {}): Promise<FieldAppEmulator> {
	const state = new FieldAppState(options);
	const server = http.createServer(createHandler(state));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		port,
		apiKey: options.apiKeys?.[0] ?? DEFAULT_API_KEY,
		state,
		async stop() {
			state.webhooks.stop();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
