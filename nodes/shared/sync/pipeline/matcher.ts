/**
 * Finds each source record's counterpart in the other system: the stored link first, then the
 * natural keys in the order chosen (billing e-mail, name, SKU, …). Everything that keeps a record
 * from being linked safely is an issue with the reason and the fix; an issue never stops the other
 * records. A target is linked to at most one source.
 */

export type MatchIssueCode =
	| 'missing_key'
	| 'not_found'
	| 'duplicate_name'
	| 'duplicate_match'
	| 'link_broken'
	| 'already_matched';

export interface MatchIssue {
	code: MatchIssueCode;
	reason: string;
	fix: string;
	/** Ids of the targets involved. */
	candidates?: string[];
}

export interface MatchKey<S, T> {
	/** Shown in messages: "billing e-mail", "name", "SKU". */
	label: string;
	source(record: S): string | undefined;
	target(record: T): string | undefined;
}

export type MatchResult<T> =
	| { kind: 'linked'; target: T }
	| { kind: 'matched'; target: T; by: string }
	| { kind: 'new' }
	| { kind: 'issue'; issue: MatchIssue };

export interface MatchOptions<S, T> {
	/** The other system's id stored on the source record (e.g. the app record's `qboId`). */
	linkOf(record: S): string | undefined;
	idOf(record: T): string;
	/** Natural keys, tried in order. */
	keys: Array<MatchKey<S, T>>;
	/** When set, a source without a value for the first key is an issue rather than matched by the next key or created. */
	requireFirstKey?: boolean;
	/** Whether an unmatched source may be created in the target system. */
	allowCreate: boolean;
	/** Names that must be unique in the target system (QBO display names): a clash is an issue before QBO refuses it. */
	uniqueName?: { source(record: S): string; target(record: T): string };
	/** "customer cus_0001 (Amy Lane)" */
	describe(record: S): string;
	/** "QuickBooks customer 58 (Amy Lane)" */
	describeTarget(record: T): string;
}

/** Names as QuickBooks compares them: case, surrounding and repeated spaces, and Unicode forms do not count. */
export function normaliseName(name: string): string {
	return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

function index<T>(
	targets: T[],
	value: (t: T) => string | undefined,
	normalise: (v: string) => string,
): Map<string, T[]> {
	const byValue = new Map<string, T[]>();
	for (const t of targets) {
		const v = value(t);
		if (v === undefined || v.trim() === '') continue;
		const key = normalise(v);
		byValue.set(key, [...(byValue.get(key) ?? []), t]);
	}
	return byValue;
}

/** One result per source, in the sources' order. */
export function matchAll<S, T>(
	sources: S[],
	targets: T[],
	options: MatchOptions<S, T>,
	normalise: (v: string) => string = normaliseName,
): Array<MatchResult<T>> {
	const byId = new Map(targets.map((t) => [options.idOf(t), t]));
	const byKey = options.keys.map((key) => index(targets, key.target, normalise));
	const byName = options.uniqueName
		? index(targets, options.uniqueName.target, normaliseName)
		: undefined;
	const claimedBy = new Map<string, S>();
	// Links are honoured first so that a natural-key match can never take a target another record is linked to.
	for (const s of sources) {
		const link = options.linkOf(s);
		if (link && byId.has(link)) claimedBy.set(link, s);
	}

	return sources.map((source): MatchResult<T> => {
		const link = options.linkOf(source);
		if (link) {
			const target = byId.get(link);
			if (target)
				return claimedBy.get(link) === source
					? { kind: 'linked', target }
					: issue(
							'already_matched',
							`${options.describe(source)} is linked to ${options.describeTarget(target)}, which another record is linked to as well`,
							'Clear the link (qboId) of the record that should not be linked to it; the next run matches it again.',
							[link],
						);
			return issue(
				'link_broken',
				`${options.describe(source)} is linked to QuickBooks id ${link}, which does not exist (any more) in this company`,
				'Check that the credential points at the right QuickBooks company; if the QuickBooks record was really removed, clear the link (qboId) in the app and the next run matches or creates it again.',
				[link],
			);
		}
		for (const [k, key] of options.keys.entries()) {
			const value = key.source(source);
			if (value === undefined || value.trim() === '') {
				if (k === 0 && options.requireFirstKey) {
					return issue(
						'missing_key',
						`${options.describe(source)} has no ${key.label}, which this sync matches by`,
						`Enter the ${key.label} in the app; the next run matches it.`,
					);
				}
				continue;
			}
			const candidates = (byKey[k].get(normalise(value)) ?? []).filter((t) => {
				const claimant = claimedBy.get(options.idOf(t));
				return claimant === undefined || claimant === source;
			});
			if (candidates.length > 1) {
				// Several share this key (two customers with one billing e-mail): the next keys may tell them apart.
				const narrowed = options.keys.slice(k + 1).reduce((left, next) => {
					const wanted = next.source(source);
					if (left.length <= 1 || wanted === undefined || wanted.trim() === '') return left;
					const same = left.filter(
						(t) => next.target(t) !== undefined && normalise(next.target(t)!) === normalise(wanted),
					);
					return same.length ? same : left;
				}, candidates);
				if (narrowed.length === 1) {
					claimedBy.set(options.idOf(narrowed[0]), source);
					return {
						kind: 'matched',
						target: narrowed[0],
						by: [key.label, ...options.keys.slice(k + 1).map((n) => n.label)].join(' and '),
					};
				}
				return issue(
					'duplicate_match',
					`${options.describe(source)}: ${candidates.length} QuickBooks records have the ${key.label} "${value}" (${candidates.map(options.describeTarget).join(', ')})`,
					`Make the ${key.label} unique in QuickBooks (or merge the duplicates), or link the record by hand by setting its qboId; the next run picks it up.`,
					candidates.map(options.idOf),
				);
			}
			if (candidates.length === 1) {
				claimedBy.set(options.idOf(candidates[0]), source);
				return { kind: 'matched', target: candidates[0], by: key.label };
			}
			const taken = byKey[k].get(normalise(value));
			if (taken?.length) {
				return issue(
					'already_matched',
					`${options.describe(source)}: ${taken.map(options.describeTarget).join(', ')} with the ${key.label} "${value}" is already matched to another record`,
					`Give the records different ${key.label}s in the app, or link this one by hand (qboId).`,
					taken.map(options.idOf),
				);
			}
		}
		if (byName && options.uniqueName) {
			const name = options.uniqueName.source(source);
			const clash = byName.get(normaliseName(name));
			if (clash?.length) {
				return issue(
					'duplicate_name',
					`${options.describe(source)} matches no QuickBooks record by ${options.keys.map((k) => k.label).join(' or ')}, but ${clash.map(options.describeTarget).join(', ')} already has the name "${name}"; QuickBooks names must be unique`,
					`If it is the same, give both the same ${options.keys[0]?.label ?? 'key'} (or set the record's qboId to ${options.idOf(clash[0])}); if not, rename one of them.`,
					clash.map(options.idOf),
				);
			}
		}
		if (!options.allowCreate) {
			return issue(
				'not_found',
				`${options.describe(source)} matches no QuickBooks record by ${options.keys.map((k) => k.label).join(' or ')}`,
				`Create it in QuickBooks with the same ${options.keys[0]?.label ?? 'key'}, or correct it in the app; the next run links it.`,
			);
		}
		return { kind: 'new' };
	});
}

function issue(
	code: MatchIssueCode,
	reason: string,
	fix: string,
	candidates?: string[],
): { kind: 'issue'; issue: MatchIssue } {
	return { kind: 'issue', issue: { code, reason, fix, ...(candidates ? { candidates } : {}) } };
}
