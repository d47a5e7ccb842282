/**
 * Unit tests run the transport's waits on a fake clock: sleeping advances it instantly and is
 * recorded, so retry and throttle timing can be asserted without waiting.
 */
import { transportTiming } from '../../nodes/shared/qbo/transport';
import { resetThrottles } from '../../nodes/shared/qbo/throttle';

export const fakeClock = { now: 1_800_000_000_000, waits: [] as number[] };

beforeEach(() => {
	fakeClock.now = 1_800_000_000_000;
	fakeClock.waits = [];
	resetThrottles();
	transportTiming.now = () => fakeClock.now;
	transportTiming.sleep = async (ms: number) => {
		fakeClock.waits.push(ms);
		fakeClock.now += ms;
	};
	transportTiming.random = () => 0.5;
});
