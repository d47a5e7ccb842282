/**
 * Signature checks for inbound webhooks, over the exact raw bytes (never a re-serialised body:
 * whitespace and `1.50` → `1.5` change the hash). Every comparison is constant-time: both sides
 * are hashed to the same length first, so neither content nor length leaks through timing.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };
const refuse = (reason: string): Verdict => ({ ok: false, reason });

/** Constant-time equality of two strings of any length. */
export function safeEqual(a: string, b: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
	return timingSafeEqual(digest(a), digest(b)) && a.length === b.length;
}

export function hmac(
	algorithm: 'sha1' | 'sha256',
	secret: string,
	content: Buffer,
	encoding: 'hex' | 'base64',
): string {
	return createHmac(algorithm, secret).update(content).digest(encoding);
}

/** Intuit: `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)) (quickbooks-api-notes.md §7.2). */
export function verifyIntuitSignature(
	raw: Buffer,
	header: string | undefined,
	verifierToken: string,
): Verdict {
	if (!verifierToken) return refuse('the QuickBooks Sync Webhook credential has no verifier token');
	if (!header) return refuse('the request has no intuit-signature header');
	return safeEqual(hmac('sha256', verifierToken, raw, 'base64'), header.trim())
		? OK
		: refuse('the intuit-signature header does not match the body');
}

export interface HmacOptions {
	secret: string;
	signatureHeader: string;
	algorithm: 'sha1' | 'sha256';
	encoding: 'hex' | 'base64';
	/** When set, the signed content is `<timestamp>.<raw body>` and old timestamps are refused. */
	timestampHeader?: string;
	toleranceSeconds?: number;
}

/** Unix seconds, unix milliseconds or an ISO-8601 date, as senders put them in headers. */
export function parseTimestamp(value: string): number | undefined {
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const n = Number(text);
		return n > 1e11 ? n : n * 1000;
	}
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : at;
}

/**
 * A generic HMAC check (GitHub, Stripe-like and the app contract's `X-FieldApp-Signature`):
 * an optional `sha256=`, `sha1=` or `v1=` prefix is accepted (only these: base64 itself may contain "="), and several comma-separated signatures
 * (key rotation) pass if any one matches.
 */
export function verifyHmac(
	raw: Buffer,
	headers: Record<string, string | string[] | undefined>,
	options: HmacOptions,
	nowMs: number,
): Verdict {
	if (!options.secret) return refuse('the Sync Webhook credential has no secret');
	const given = headerValue(headers, options.signatureHeader);
	if (!given) return refuse(`the request has no ${options.signatureHeader} header`);
	let content = raw;
	if (options.timestampHeader) {
		const stamp = headerValue(headers, options.timestampHeader);
		if (!stamp) return refuse(`the request has no ${options.timestampHeader} header`);
		const at = parseTimestamp(stamp);
		if (at === undefined)
			return refuse(
				`the ${options.timestampHeader} header "${stamp.slice(0, 40)}" is not a timestamp`,
			);
		const tolerance = (options.toleranceSeconds ?? 300) * 1000;
		if (Math.abs(nowMs - at) > tolerance) {
			return refuse(
				`the ${options.timestampHeader} header is ${Math.round((nowMs - at) / 1000)} s from now, more than the ${tolerance / 1000} s allowed (a replayed or delayed request)`,
			);
		}
		content = Buffer.concat([Buffer.from(`${stamp.trim()}.`, 'utf8'), raw]);
	}
	const expected = hmac(options.algorithm, options.secret, content, options.encoding);
	const candidates = given
		.split(',')
		.map((part) => part.trim().replace(/^(sha1|sha256|sha512|v\d+)=/i, ''));
	return candidates.some((candidate) => safeEqual(expected, candidate))
		? OK
		: refuse(`the ${options.signatureHeader} header does not match the body`);
}

export function verifySharedSecretHeader(
	headers: Record<string, string | string[] | undefined>,
	headerName: string,
	secret: string,
): Verdict {
	if (!secret) return refuse('the Sync Webhook credential has no secret');
	const given = headerValue(headers, headerName);
	if (!given) return refuse(`the request has no ${headerName} header`);
	return safeEqual(secret, given)
		? OK
		: refuse(`the ${headerName} header does not hold the shared secret`);
}

export function verifyBasicAuth(
	headers: Record<string, string | string[] | undefined>,
	user: string,
	password: string,
): Verdict {
	if (!user || !password)
		return refuse('the Sync Webhook credential needs a user and a password for basic auth');
	const given = headerValue(headers, 'authorization');
	const match = given?.match(/^Basic\s+(\S+)$/i);
	if (!match) return refuse('the request has no Basic Authorization header');
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const ok = colon >= 0 && safeEqual(`${user}:${password}`, decoded);
	return ok ? OK : refuse('the Basic Authorization user or password is wrong');
}

/** Node's request headers are lower-case; repeated headers arrive as arrays. */
export function headerValue(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.join(',');
	return value === undefined || value === '' ? undefined : value;
}
