/**
 * The emulator's clock. Tests move it forward to cross CDC's 30-day window, to expire access
 * tokens (3600 s) and refresh tokens (24 h after rotation, 100 days idle) without waiting.
 * Throttle windows also read this clock, so a test can "wait a minute" instantly.
 */
import { DateTime } from 'luxon';

export class Clock {
	private offsetMs = 0;
	private frozenAt: number | undefined;

	constructor(private readonly zone: string) {}

	now(): number {
		return (this.frozenAt ?? Date.now()) + this.offsetMs;
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	set(epochMs: number): void {
		this.offsetMs = epochMs - (this.frozenAt ?? Date.now());
	}

	freeze(frozen: boolean): void {
		const current = this.now();
		this.frozenAt = frozen ? Date.now() : undefined;
		this.set(current);
	}

	/** QBO writes times to the second with the company's local offset: "2015-07-23T10:58:12-07:00" (quickbooks-api-notes.md §11). */
	stamp(epochMs = this.now()): string {
		return DateTime.fromMillis(Math.floor(epochMs / 1000) * 1000, { zone: this.zone }).toISO({
			suppressMilliseconds: true,
		})!;
	}

	/** The top-level `time` of every response carries milliseconds: "2015-07-23T10:58:12.099-07:00". */
	responseTime(): string {
		return DateTime.fromMillis(this.now(), { zone: this.zone }).toISO()!;
	}

	/** The company's local date, used as the default TxnDate. */
	today(): string {
		return DateTime.fromMillis(this.now(), { zone: this.zone }).toISODate()!;
	}

	state(): { now: string; offsetMs: number; frozen: boolean } {
		return {
			now: new Date(this.now()).toISOString(),
			offsetMs: this.offsetMs,
			frozen: this.frozenAt !== undefined,
		};
	}
}
