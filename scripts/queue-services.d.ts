export interface QueueServices {
	postgres: { host: string; port: number; user: string; database: string };
	redis: { host: string; port: number };
	/** DB_* , EXECUTIONS_MODE and QUEUE_BULL_REDIS_* for every n8n process of the set. */
	n8nEnv(): Record<string, string>;
	stop(): Promise<void>;
}
export function ensureQueueServices(log: (line: string) => void): string | undefined;
export function startQueueServices(
	dir: string,
	log: (line: string) => void,
	ports?: { pgPort?: number; redisPort?: number },
): Promise<QueueServices | { skipped: string }>;
