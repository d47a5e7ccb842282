/**
 * Fault injection: the next N matching requests, or a seeded percentage of them, answer 429,
 * 500, 503, 5010, a connection reset, or a response held past the client's timeout (the write
 * still happens, which is exactly the case `requestid` exists for).
 */
export type InjectedKind = '429' | '500' | '503' | '5010' | 'reset' | 'timeout';

export interface FaultRuleInput {
	kind: InjectedKind;
	/** Answer this many matching requests, then stop (default 1 unless percent is given). */
	count?: number;
	/** Or: this share (0–100) of matching requests, drawn from a seeded generator. */
	percent?: number;
	seed?: number;
	/** Only requests with this method and/or whose path contains this text (e.g. "/customer"). */
	method?: string;
	path?: string;
	/** For "timeout": how long the answer is held (default 125 s, past QBO's own 120 s). */
	delayMs?: number;
}

export interface FaultRule extends FaultRuleInput {
	id: number;
	remaining: number;
	fired: number;
	random: () => number;
}

/** mulberry32: small, seeded, repeatable. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const KINDS: InjectedKind[] = ['429', '500', '503', '5010', 'reset', 'timeout'];

export class FaultInjector {
	rules: FaultRule[] = [];
	private nextId = 1;

	add(input: FaultRuleInput): FaultRule {
		if (!KINDS.includes(input.kind)) throw new Error(`kind must be one of ${KINDS.join(', ')}; got ${JSON.stringify(input.kind)}`);
		if (input.percent !== undefined && !(input.percent >= 0 && input.percent <= 100)) throw new Error('percent must be between 0 and 100');
		const rule: FaultRule = {
			...input,
			id: this.nextId++,
			remaining: input.percent !== undefined ? Number.POSITIVE_INFINITY : (input.count ?? 1),
			fired: 0,
			random: seeded(input.seed ?? 1),
		};
		this.rules.push(rule);
		return rule;
	}

	clear(): void {
		this.rules = [];
	}

	/** The rule that fires for this request, if any. */
	pick(method: string, path: string): FaultRule | undefined {
		for (const rule of this.rules) {
			if (rule.remaining <= 0) continue;
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			if (rule.path && !path.includes(rule.path)) continue;
			if (rule.percent !== undefined && rule.random() * 100 >= rule.percent) continue;
			rule.remaining--;
			rule.fired++;
			return rule;
		}
		return undefined;
	}

	list(): Array<Omit<FaultRule, 'random'>> {
		return this.rules.map(({ random: _random, ...rest }) => rest);
	}
}
