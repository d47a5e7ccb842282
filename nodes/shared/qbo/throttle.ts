/**
 * Keeps this n8n process inside QBO's limits per company (quickbooks-api-notes.md §1): at most 10 requests at
 * once, 10 a second and 500 a minute, and 40 batch requests a minute. Callers wait for a slot
 * instead of collecting 429s. One throttle per realm id, shared by every item and execution in
 * the process; time and sleeping are injected so the module stays free of timers.
 */
export interface ThrottleLimits {
	concurrent: number;
	perSecond: number;
	perMinute: number;
	batchPerMinute: number;
}

export const QBO_LIMITS: ThrottleLimits = {
	concurrent: 10,
	perSecond: 10,
	perMinute: 500,
	batchPerMinute: 40,
};

/**
 * QuickBooks counts a call when it arrives, this throttle when it leaves: a call that leaves just as
 * the window frees up can arrive inside it when the earlier call travelled faster, and the 429 then
 * costs a back-off far longer than the margin (measured: a 1 000-customer push met three 429s and took
 * 131 s instead of about 2 minutes of pacing). Windows are held this much longer than QuickBooks'.
 */
const SECOND_WINDOW_MS = 1_100;
const MINUTE_WINDOW_MS = 61_000;

export interface ThrottleClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export class RealmThrottle {
	private inFlight = 0;
	private second: number[] = [];
	private minute: number[] = [];
	private batches: number[] = [];

	constructor(
		private readonly limits: ThrottleLimits,
		private readonly clock: ThrottleClock,
	) {}

	private prune(now: number): void {
		while (this.second.length > 0 && this.second[0] <= now - SECOND_WINDOW_MS) this.second.shift();
		while (this.minute.length > 0 && this.minute[0] <= now - MINUTE_WINDOW_MS) this.minute.shift();
		while (this.batches.length > 0 && this.batches[0] <= now - MINUTE_WINDOW_MS)
			this.batches.shift();
	}

	/** How long until a request (of `weight` metered calls; a batch meters each item) may start; 0 = now. */
	private waitFor(now: number, batchItems?: number): number {
		this.prune(now);
		const l = this.limits;
		const weight = batchItems ?? 1;
		const waits = [0];
		if (this.inFlight >= l.concurrent) waits.push(25);
		if (this.second.length >= l.perSecond)
			waits.push(this.second[this.second.length - l.perSecond] + SECOND_WINDOW_MS - now);
		if (this.minute.length + weight > l.perMinute)
			waits.push(
				this.minute[
					Math.min(this.minute.length - 1, this.minute.length + weight - l.perMinute - 1)
				] +
					MINUTE_WINDOW_MS -
					now,
			);
		if (batchItems !== undefined && this.batches.length >= l.batchPerMinute)
			waits.push(this.batches[this.batches.length - l.batchPerMinute] + MINUTE_WINDOW_MS - now);
		return Math.max(...waits);
	}

	/** Waits for a slot and returns the function that frees it. */
	async acquire(batchItems?: number): Promise<() => void> {
		for (;;) {
			const now = this.clock.now();
			const wait = this.waitFor(now, batchItems);
			if (wait <= 0) {
				this.inFlight++;
				this.second.push(now);
				for (let i = 0; i < (batchItems ?? 1); i++) this.minute.push(now);
				if (batchItems !== undefined) this.batches.push(now);
				let released = false;
				return () => {
					if (!released) this.inFlight--;
					released = true;
				};
			}
			await this.clock.sleep(wait);
		}
	}
}

const throttles = new Map<string, RealmThrottle>();

export function throttleFor(
	realmId: string,
	clock: ThrottleClock,
	limits: ThrottleLimits = QBO_LIMITS,
): RealmThrottle {
	let throttle = throttles.get(realmId);
	if (!throttle) throttles.set(realmId, (throttle = new RealmThrottle(limits, clock)));
	return throttle;
}

/** Tests start each case with fresh windows. */
export function resetThrottles(): void {
	throttles.clear();
}
