/**
 * Outgoing webhooks: one POST per change to every subscription, in order, signed with
 * `X-FieldApp-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` and
 * `X-FieldApp-Timestamp: <unix seconds>`, retried with exponential backoff on failure.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { postJson } from '../shared/post';
import type { ChangeEvent } from './store';

export const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000];

export interface SubscriptionInput {
	url: string;
	secret: string;
	/** e.g. ["invoices.updated", "customers.*"]; default all. */
	events?: string[];
	maxAttempts?: number;
	/** Multiplies the retry delays (tests use 0.01). */
	retryTimeScale?: number;
	timeoutMs?: number;
}

export interface Subscription extends Required<Omit<SubscriptionInput, 'events'>> {
	id: string;
	events?: string[];
}

export interface OutgoingDelivery {
	id: string;
	subscriptionId: string;
	event: string;
	body: string;
	headers: Record<string, string>;
	attempts: Array<{ at: string; status?: number; error?: string }>;
	state: 'pending' | 'delivered' | 'failed';
}

export function signBody(secret: string, timestamp: string, rawBody: string): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

export class OutgoingWebhooks {
	readonly subscriptions = new Map<string, Subscription>();
	readonly deliveries: OutgoingDelivery[] = [];
	private queues = new Map<string, OutgoingDelivery[]>();
	private busy = new Set<string>();
	private timers = new Set<NodeJS.Timeout>();
	private stopped = false;

	subscribe(input: SubscriptionInput): Subscription {
		if (!/^https?:\/\//.test(input.url ?? '')) throw new Error('url must be an http(s) URL');
		if (!input.secret || input.secret.length < 16)
			throw new Error('secret must be at least 16 characters');
		const sub: Subscription = {
			id: `whk_${randomUUID().slice(0, 8)}`,
			url: input.url,
			secret: input.secret,
			events: input.events,
			maxAttempts: input.maxAttempts ?? 8,
			retryTimeScale: input.retryTimeScale ?? 1,
			timeoutMs: input.timeoutMs ?? 10_000,
		};
		this.subscriptions.set(sub.id, sub);
		return sub;
	}

	unsubscribe(id: string): boolean {
		this.queues.delete(id);
		return this.subscriptions.delete(id);
	}

	publish(change: ChangeEvent): void {
		const type = `${change.resource}.${change.action}`;
		for (const sub of this.subscriptions.values()) {
			if (
				sub.events &&
				!sub.events.some((e) => e === type || e === `${change.resource}.*` || e === '*')
			)
				continue;
			const body = JSON.stringify({
				id: `evt_${randomUUID()}`,
				type,
				occurredAt: change.record.updatedAt,
				resource: change.resource,
				record: change.record,
			});
			const timestamp = String(Math.floor(Date.now() / 1000));
			const delivery: OutgoingDelivery = {
				id: randomUUID(),
				subscriptionId: sub.id,
				event: type,
				body,
				headers: {
					'content-type': 'application/json',
					'x-fieldapp-timestamp': timestamp,
					'x-fieldapp-signature': signBody(sub.secret, timestamp, body),
					'x-fieldapp-event': type,
				},
				attempts: [],
				state: 'pending',
			};
			this.deliveries.push(delivery);
			this.queues.set(sub.id, [...(this.queues.get(sub.id) ?? []), delivery]);
			this.pump(sub.id, 0);
		}
	}

	private pump(subId: string, delayMs: number): void {
		if (this.busy.has(subId) || this.stopped) return;
		const sub = this.subscriptions.get(subId);
		const next = this.queues.get(subId)?.[0];
		if (!sub || !next) return;
		this.busy.add(subId);
		const timer = setTimeout(async () => {
			this.timers.delete(timer);
			const result = await postJson(sub.url, next.headers, next.body, sub.timeoutMs);
			next.attempts.push({ at: new Date().toISOString(), ...result });
			const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
			let wait = 0;
			if (ok || next.attempts.length >= sub.maxAttempts) {
				next.state = ok ? 'delivered' : 'failed';
				this.queues.get(subId)?.shift();
			} else {
				wait =
					RETRY_DELAYS_MS[Math.min(next.attempts.length - 1, RETRY_DELAYS_MS.length - 1)] *
					sub.retryTimeScale;
			}
			this.busy.delete(subId);
			this.pump(subId, wait);
		}, delayMs);
		timer.unref();
		this.timers.add(timer);
	}

	async idle(timeoutMs = 10_000): Promise<void> {
		const until = Date.now() + timeoutMs;
		while (
			Date.now() < until &&
			(this.busy.size > 0 || [...this.queues.values()].some((q) => q.length > 0))
		) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	stop(): void {
		this.stopped = true;
		for (const t of this.timers) clearTimeout(t);
	}
}
