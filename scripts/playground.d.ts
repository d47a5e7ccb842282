import type { N8nServer } from './n8n-server';

export interface PlaygroundEmulators {
	qbo: { url: string; realmIds: string[]; clientId: string; clientSecret: string };
	fieldApp: { url: string; apiKey: string };
	stop(): Promise<void>;
}
export interface Playground {
	n8n: N8nServer;
	emulators: PlaygroundEmulators;
	/** The imported templates' names. */
	templates: string[];
	dir: string;
	stop(): Promise<void>;
}
export function startPlayground(options?: {
	dir?: string;
	port?: number;
	qboPort?: number;
	fieldAppPort?: number;
	logLevel?: string;
	log?: (line: string) => void;
	started?: Array<() => Promise<void>>;
}): Promise<Playground>;
export const CREDENTIALS: Record<string, string>;
export const FIRST_TEMPLATE: string;
export const DEFAULT_DIR: string;
