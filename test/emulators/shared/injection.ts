/**
 * Fault injection shared by the emulators: the next N matching requests, or a seeded percentage
 * of them, get a fault of a kind the emulator defines (QBO: 429, 500, 503, 5010, reset, timeout;
 * field app: 500, 503, slow, 409).
 */
export interface FaultRuleInput<Kind extends string = string> {
	kind: Kind;
	/** Answer this many matching requests, then stop (default 1 unless percent is given). */
	count?: number;
	/** Or: this share (0–100) of matching requests, drawn from a seeded generator. */
	percent?: number;
	seed?: number;
	/** Only requests with this method and/or whose path contains this text (e.g. "/customer"). */
	method?: string;
	path?: string;
	/** For held answers ("timeout", "slow"): how long, ms. */
	delayMs?: number;
}

export interface FaultRule<Kind extends string = string> extends FaultRuleInput<Kind> {
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

export class FaultInjector<Kind extends string> {
	rules: FaultRule<Kind>[] = [];
	private nextId = 1;

	constructor(private readonly kinds: readonly Kind[]) {}

	add(input: FaultRuleInput<Kind>): FaultRule<Kind> {
		if (!this.kinds.includes(input.kind))
			throw new Error(
				`kind must be one of ${this.kinds.join(', ')}; got ${JSON.stringify(input.kind)}`,
			);
		if (input.percent !== undefined && !(input.percent >= 0 && input.percent <= 100))
			throw new Error('percent must be between 0 and 100');
		const rule: FaultRule<Kind> = {
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
	pick(method: string, path: string): FaultRule<Kind> | undefined {
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

	list(): Array<Omit<FaultRule<Kind>, 'random'>> {
		return this.rules.map(({ random: _random, ...rest }) => rest);
	}
}
