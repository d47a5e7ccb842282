/**
 * A local QuickBooks Online: `startQboEmulator({ port: 0 })` → `{ url, stop, admin }`.
 * See README.md in this folder for every endpoint and option.
 */
import { listen } from '../shared/listen';
import { QboEmulatorState, type EmulatorOptions } from './emulator';
import { createHandler } from './server';

export { DEFAULT_CLIENT, QboEmulatorState } from './emulator';
export type { EmulatorOptions, LogEntry, RealmInput } from './emulator';
export { signature as webhookSignature } from './webhooks';

export interface QboEmulator {
	/** Base URL, e.g. http://127.0.0.1:40123 (API under /v3/company/{realmId}/, OAuth at Intuit's paths). */
	url: string;
	port: number;
	/** Direct access to state, clock, faults, webhooks, tokens and the request log. */
	admin: QboEmulatorState;
	/** Realm ids in creation order. */
	realmIds: string[];
	stop(): Promise<void>;
}

export async function startQboEmulator(
	options: EmulatorOptions & { port?: number; host?: string } = {},
): Promise<QboEmulator> {
	const state = new QboEmulatorState(options);
	const pending = new Set<() => void>();
	const server = await listen(createHandler(state, pending), options.port, options.host);
	return {
		url: server.url,
		port: server.port,
		admin: state,
		get realmIds() {
			return [...state.realms.keys()];
		},
		async stop() {
			state.webhooks.stop();
			for (const cancel of pending) cancel();
			await server.close();
		},
	};
}
