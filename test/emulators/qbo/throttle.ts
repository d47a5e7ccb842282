/**
 * QBO's throttles (quickbooks-api-notes.md §1): per realm and app 500 requests/min, 10/s and 10 concurrent;
 * batch 40/min per realm and app and 120/min per realm. Windows slide on the emulator's clock.
 * Batch requests also count toward the 500/min (§1.2); each batch item is metered like a normal
 * call (Intuit's batch sample tutorial), which is on by default as the stricter reading.
 */
import type { Clock } from './clock';

export interface ThrottleLimits {
	perMinute: number;
	perSecond: number;
	concurrent: number;
	batchPerMinute: number;
	batchPerMinutePerRealm: number;
	meterBatchItems: boolean;
}

export const REAL_LIMITS: ThrottleLimits = {
	perMinute: 500,
	perSecond: 10,
	concurrent: 10,
	batchPerMinute: 40,
	batchPerMinutePerRealm: 120,
	meterBatchItems: true,
};

class Window {
	private stamps: number[] = [];
	constructor(private readonly spanMs: number) {}
	count(now: number): number {
		while (this.stamps.length > 0 && this.stamps[0] <= now - this.spanMs) this.stamps.shift();
		return this.stamps.length;
	}
	add(now: number, n = 1): void {
		for (let i = 0; i < n; i++) this.stamps.push(now);
	}
}

interface Counters {
	minute: Window;
	second: Window;
	batch: Window;
	inFlight: number;
}

export type ThrottleVerdict = { ok: true; release: () => void } | { ok: false; reason: string };

export class Throttle {
	private perApp = new Map<string, Counters>();
	private batchPerRealm = new Map<string, Window>();

	constructor(
		private readonly clock: Clock,
		public limits: ThrottleLimits,
	) {}

	private counters(realmId: string, clientId: string): Counters {
		const key = `${realmId}|${clientId}`;
		let c = this.perApp.get(key);
		if (!c)
			this.perApp.set(
				key,
				(c = {
					minute: new Window(60_000),
					second: new Window(1_000),
					batch: new Window(60_000),
					inFlight: 0,
				}),
			);
		return c;
	}

	/** Admits a request or says which limit it hit; `weight` is the number of metered calls (batch items). */
	admit(realmId: string, clientId: string, batchItems?: number): ThrottleVerdict {
		const now = this.clock.now();
		const c = this.counters(realmId, clientId);
		const l = this.limits;
		const weight = batchItems !== undefined && l.meterBatchItems ? Math.max(1, batchItems) : 1;
		if (c.inFlight >= l.concurrent)
			return { ok: false, reason: `more than ${l.concurrent} concurrent requests` };
		if (c.second.count(now) + 1 > l.perSecond)
			return { ok: false, reason: `more than ${l.perSecond} requests in one second` };
		if (c.minute.count(now) + weight > l.perMinute)
			return { ok: false, reason: `more than ${l.perMinute} requests in one minute` };
		if (batchItems !== undefined) {
			let realmBatch = this.batchPerRealm.get(realmId);
			if (!realmBatch) this.batchPerRealm.set(realmId, (realmBatch = new Window(60_000)));
			if (c.batch.count(now) + 1 > l.batchPerMinute)
				return { ok: false, reason: `more than ${l.batchPerMinute} batch requests in one minute` };
			if (realmBatch.count(now) + 1 > l.batchPerMinutePerRealm)
				return {
					ok: false,
					reason: `more than ${l.batchPerMinutePerRealm} batch requests in one minute for the company`,
				};
			c.batch.add(now);
			realmBatch.add(now);
		}
		c.second.add(now);
		c.minute.add(now, weight);
		c.inFlight++;
		let released = false;
		return {
			ok: true,
			release: () => {
				if (!released) c.inFlight--;
				released = true;
			},
		};
	}

	reset(): void {
		this.perApp.clear();
		this.batchPerRealm.clear();
	}
}
