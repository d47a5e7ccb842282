/**
 * A local QuickBooks Online: `startQboEmulator({ port: 0 })` → `{ url, stop, admin }`.
 * See README.md in this folder for every endpoint and option.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function startQboEmulator(options: EmulatorOptions & { port?: number; host?: string } = {}): Promise<QboEmulator> {
	const state = new QboEmulatorState(options);
	const pending = new Set<() => void>();
	const server = http.createServer(createHandler(state, pending));
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		port,
		admin: state,
		get realmIds() {
			return [...state.realms.keys()];
		},
		async stop() {
			state.webhooks.stop();
			for (const cancel of pending) cancel();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
