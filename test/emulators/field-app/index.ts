/** The reference field-service app of docs/app-contract.md: `startFieldApp({ port: 0 })` → `{ url, apiKey, state, stop }`. */
import { listen } from '../shared/listen';
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

export async function startFieldApp(
	options: FieldAppOptions & { port?: number; host?: string } = {},
): Promise<FieldAppEmulator> {
	const state = new FieldAppState(options);
	const server = await listen(createHandler(state), options.port, options.host);
	return {
		url: server.url,
		port: server.port,
		apiKey: options.apiKeys?.[0] ?? DEFAULT_API_KEY,
		state,
		async stop() {
			state.webhooks.stop();
			await server.close();
		},
	};
}
