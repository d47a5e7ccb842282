export interface HttpResult {
	status: number;
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	text: string;
}
export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}
export interface N8nServerDescriptor {
	url: string;
	port: number;
	env: NodeJS.ProcessEnv;
	userFolder: string;
	logFile: string;
	pid: number;
	ownerEmail: string;
	ownerPassword: string;
}
export interface N8nServer {
	url: string;
	port: number;
	env: NodeJS.ProcessEnv;
	userFolder: string;
	logFile: string;
	pid: number;
	ownerEmail: string;
	ownerPassword: string;
	/** What attachN8n needs to drive this server from another test file (JSON-serialisable). */
	descriptor: N8nServerDescriptor;
	cli(args: string[]): Promise<CliResult>;
	/** A saved workflow run from `triggerName` as the editor runs it; the run as `n8n execute --rawOutput` prints it. */
	executeManually(
		workflowId: string,
		triggerName: string,
		options?: { timeoutMs?: number },
	): Promise<{ id: string; status: string; data: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
	rest(method: string, route: string, body?: unknown): Promise<HttpResult>;
	publicApi(method: string, route: string, body?: unknown): Promise<HttpResult>;
	login(): Promise<string>;
	stop(): Promise<void>;
	/** SIGKILL to the process group, as a crash does. */
	kill(): void;
}
export interface RuntimePaths {
	root: string;
	node: string;
	n8nBin: string;
	appModules: string;
	nodeDir: string;
}
export const REPO_ROOT: string;
export function ensureRuntime(): RuntimePaths;
export function runtimePaths(): RuntimePaths;
export function node24Env(extra?: Record<string, string>): NodeJS.ProcessEnv;
export function freePort(): Promise<number>;
export function packPackage(destDir: string): Promise<{ tarball: string; files: string[] }>;
export function installPackage(userFolder: string, tarball: string): Promise<string>;
export function startN8n(options: {
	userFolder: string;
	logFile: string;
	port?: number;
	ownerEmail?: string;
	ownerPassword?: string;
	logLevel?: string;
	extraEnv?: Record<string, string>;
	/** `start` (default), `worker` or `webhook` (queue mode). */
	command?: 'start' | 'worker' | 'webhook';
	args?: string[];
}): Promise<N8nServer>;
export function attachN8n(descriptor: N8nServerDescriptor): N8nServer;
export function waitFor<T>(
	check: () => Promise<T>,
	options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T>;
