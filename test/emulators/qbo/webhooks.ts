/**
 * Webhook delivery as Intuit does it (quickbooks-api-notes.md §7): every change becomes an event; events are
 * aggregated per interval into one POST in the legacy `eventNotifications` format or as a
 * CloudEvents array, signed with `intuit-signature` = base64(HMAC-SHA256(verifier token, raw
 * body)); a delivery not answered 2xx within 3 s is retried on Intuit's schedule (0 s, 10 s, 20 s,
 * 30 s, 5 m, 20 m, 2 h, 4 h, 6 h, then every 6 h; time can be scaled down), and later deliveries
 * wait until the earlier one is acknowledged (ordered queue).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { postJson } from '../shared/post';
import type { ChangeEvent } from './realm';

export const RETRY_SCHEDULE_S = [0, 10, 20, 30, 300, 1200, 7200, 14400, 21600];

export interface WebhookRegistrationInput {
	url: string;
	verifierToken: string;
	format?: 'legacy' | 'cloudevents';
	/** CloudEvents may arrive as application/cloudevents+json (§7.4). */
	contentType?: string;
	/** Only these entity names (default: all). */
	entities?: string[];
	/** Only these companies (default: all). */
	realmIds?: string[];
	/** Aggregation interval; sandbox is near real time (§7.1). */
	intervalMs?: number;
	/** Multiplies Intuit's retry delays, e.g. 0.001 turns 10 s into 10 ms. */
	retryTimeScale?: number;
	maxAttempts?: number;
	ackTimeoutMs?: number;
}

export interface WebhookRegistration
	extends Required<Omit<WebhookRegistrationInput, 'entities' | 'realmIds'>> {
	id: string;
	entities?: string[];
	realmIds?: string[];
}

export interface DeliveryAttempt {
	at: string;
	status?: number;
	error?: string;
	durationMs: number;
}

export interface Delivery {
	id: string;
	registrationId: string;
	events: number;
	headers: Record<string, string>;
	body: string;
	attempts: DeliveryAttempt[];
	state: 'pending' | 'delivered' | 'failed';
}

const VERB: Record<string, string> = {
	Create: 'created',
	Update: 'updated',
	Delete: 'deleted',
	Merge: 'merged',
	Void: 'voided',
	Emailed: 'emailed',
};

export function signature(verifierToken: string, rawBody: string): string {
	return createHmac('sha256', verifierToken).update(rawBody, 'utf8').digest('base64');
}

export function legacyBody(events: ChangeEvent[]): string {
	const byRealm = new Map<string, ChangeEvent[]>();
	for (const e of events) byRealm.set(e.realmId, [...(byRealm.get(e.realmId) ?? []), e]);
	return JSON.stringify({
		eventNotifications: [...byRealm].map(([realmId, list]) => ({
			realmId,
			dataChangeEvent: {
				entities: list.map((e) => ({
					name: e.name,
					id: e.id,
					operation: e.operation,
					lastUpdated: e.lastUpdated,
				})),
			},
		})),
	});
}

export function cloudEventsBody(events: ChangeEvent[]): string {
	return JSON.stringify(
		events.map((e) => ({
			specversion: '1.0',
			id: `${randomUUID()}-${e.name}-${e.id}`,
			source: `intuit.${Buffer.from(`emulator:${e.realmId}`).toString('base64')}`,
			type: `qbo.${e.name.toLowerCase()}.${VERB[e.operation] ?? e.operation.toLowerCase()}.v1`,
			datacontenttype: 'application/json',
			time: new Date(e.at).toISOString(),
			intuitentityid: e.id,
			intuitaccountid: e.realmId,
			data: {},
		})),
	);
}

export class WebhookDispatcher {
	readonly registrations = new Map<string, WebhookRegistration>();
	readonly deliveries: Delivery[] = [];
	private buffers = new Map<string, ChangeEvent[]>();
	private queues = new Map<string, Delivery[]>();
	private busy = new Set<string>();
	private timers = new Set<NodeJS.Timeout>();
	private stopped = false;

	register(input: WebhookRegistrationInput): WebhookRegistration {
		if (!/^https?:\/\//.test(input.url ?? '')) throw new Error('url must be an http(s) URL');
		if (!input.verifierToken)
			throw new Error('verifierToken is required: Intuit signs every delivery with it');
		const registration: WebhookRegistration = {
			id: randomUUID(),
			url: input.url,
			verifierToken: input.verifierToken,
			format: input.format ?? 'legacy',
			contentType: input.contentType ?? 'application/json',
			entities: input.entities,
			realmIds: input.realmIds,
			intervalMs: input.intervalMs ?? 200,
			retryTimeScale: input.retryTimeScale ?? 1,
			maxAttempts: input.maxAttempts ?? 30,
			ackTimeoutMs: input.ackTimeoutMs ?? 3000,
		};
		this.registrations.set(registration.id, registration);
		return registration;
	}

	unregister(id: string): boolean {
		this.buffers.delete(id);
		this.queues.delete(id);
		return this.registrations.delete(id);
	}

	publish(event: ChangeEvent): void {
		for (const r of this.registrations.values()) {
			if (r.entities && !r.entities.includes(event.name)) continue;
			if (r.realmIds && !r.realmIds.includes(event.realmId)) continue;
			const buffer = this.buffers.get(r.id);
			if (buffer) {
				buffer.push(event);
				continue;
			}
			this.buffers.set(r.id, [event]);
			this.later(() => this.flush(r.id), r.intervalMs);
		}
	}

	/** Sends what is buffered now (tests use it instead of waiting for the interval). */
	flush(registrationId?: string): void {
		for (const id of registrationId ? [registrationId] : [...this.buffers.keys()]) {
			const r = this.registrations.get(id);
			const events = this.buffers.get(id);
			this.buffers.delete(id);
			if (!r || !events || events.length === 0) continue;
			const body = r.format === 'cloudevents' ? cloudEventsBody(events) : legacyBody(events);
			const delivery: Delivery = {
				id: randomUUID(),
				registrationId: id,
				events: events.length,
				headers: {
					'content-type': r.contentType,
					'intuit-signature': signature(r.verifierToken, body),
					'user-agent': 'Intuit-Webhooks-Emulator',
				},
				body,
				attempts: [],
				state: 'pending',
			};
			this.deliveries.push(delivery);
			this.queues.set(id, [...(this.queues.get(id) ?? []), delivery]);
			this.pump(id);
		}
	}

	private pump(registrationId: string): void {
		if (this.busy.has(registrationId) || this.stopped) return;
		const next = this.queues.get(registrationId)?.[0];
		const r = this.registrations.get(registrationId);
		if (!next || !r) return;
		this.busy.add(registrationId);
		const delayS = RETRY_SCHEDULE_S[Math.min(next.attempts.length, RETRY_SCHEDULE_S.length - 1)];
		this.later(() => void this.attempt(r, next), delayS * 1000 * r.retryTimeScale);
	}

	private async attempt(r: WebhookRegistration, delivery: Delivery): Promise<void> {
		const started = Date.now();
		const result = await postJson(r.url, delivery.headers, delivery.body, r.ackTimeoutMs);
		delivery.attempts.push({
			at: new Date(started).toISOString(),
			...result,
			durationMs: Date.now() - started,
		});
		const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
		if (ok || delivery.attempts.length >= r.maxAttempts) {
			delivery.state = ok ? 'delivered' : 'failed';
			this.queues.get(r.id)?.shift();
		}
		this.busy.delete(r.id);
		this.pump(r.id);
	}

	private later(task: () => void, ms: number): void {
		if (this.stopped) return;
		const timer = setTimeout(
			() => {
				this.timers.delete(timer);
				task();
			},
			Math.max(0, ms),
		);
		timer.unref();
		this.timers.add(timer);
	}

	/** Resolves when nothing is buffered, queued or being sent (or after `timeoutMs`). */
	async idle(timeoutMs = 10_000): Promise<void> {
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			const pending =
				this.buffers.size > 0 ||
				this.busy.size > 0 ||
				[...this.queues.values()].some((q) => q.length > 0);
			if (!pending) return;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	stop(): void {
		this.stopped = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}
}
