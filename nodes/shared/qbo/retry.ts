/**
 * When to retry a QBO call, and how long to wait (quickbooks-api-notes.md §1.3, §8): throttling (429, or 3001
 * in any shape) waits Retry-After when given, else backs off up to 60 s; 5xx, resets and
 * timeouts back off exponentially with jitter; a validation or business fault is never retried.
 */
import type { QboFault } from './faults';

export type FailureKind = 'throttled' | 'transient' | 'permanent';

export interface RetryPolicy {
	/** Attempts in all, first one included. */
	maxAttemptsThrottled: number;
	maxAttemptsTransient: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttemptsThrottled: 6,
	maxAttemptsTransient: 5,
	baseDelayMs: 1_000,
	maxDelayMs: 60_000,
};

const TRANSIENT_NETWORK = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ECONNREFUSED',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
]);

export function classifyFailure(input: {
	statusCode?: number;
	fault?: QboFault;
	networkCode?: string;
}): FailureKind {
	const codes = input.fault?.errors.map((e) => e.code) ?? [];
	if (input.statusCode === 429 || codes.includes('3001')) return 'throttled';
	if (input.networkCode)
		return TRANSIENT_NETWORK.has(input.networkCode) ? 'transient' : 'permanent';
	if (input.statusCode !== undefined && input.statusCode >= 500) return 'transient';
	return 'permanent';
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const at = Date.parse(header);
	return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Exponential backoff with full jitter; throttling starts higher because QBO advises waiting a minute. */
export function backoffMs(
	kind: FailureKind,
	attempt: number,
	policy: RetryPolicy,
	random: () => number,
): number {
	const base = kind === 'throttled' ? policy.baseDelayMs * 4 : policy.baseDelayMs;
	const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function attemptsAllowed(kind: FailureKind, policy: RetryPolicy): number {
	return kind === 'throttled'
		? policy.maxAttemptsThrottled
		: kind === 'transient'
			? policy.maxAttemptsTransient
			: 1;
}
