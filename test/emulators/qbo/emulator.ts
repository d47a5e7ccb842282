/** The emulator's state and its admin API (used in-process by tests and over HTTP under /__admin). */
import { Clock } from './clock';
import { FaultInjector, type FaultRuleInput } from '../shared/injection';
import { OAuthServer, type OAuthClientApp } from './oauth';
import { Realm, type ChangeEvent, type RealmDump, type RealmOptions } from './realm';
import { seedEmpty, seedSandbox, type SeedName } from './seed';
import { REAL_LIMITS, Throttle, type ThrottleLimits } from './throttle';
import { WebhookDispatcher, type WebhookRegistrationInput } from './webhooks';
import type { Entity } from './entities/types';

export interface RealmInput {
	realmId?: string;
	seed?: SeedName;
	companyName?: string;
	/** Preference sections merged over the seed's, e.g. { SalesFormsPrefs: { CustomTxnNumbers: true } }. */
	preferences?: Entity;
	options?: Partial<RealmOptions>;
}

export interface EmulatorOptions {
	/** Companies to create; default: one sandbox-like company. */
	realms?: RealmInput[];
	clients?: OAuthClientApp[];
	limits?: Partial<ThrottleLimits>;
	/** Server-side processing time per API request, ms (a fixed number or [min, max]). Default 0. */
	latencyMs?: number | [number, number];
	/** IANA zone of the companies' timestamps (QBO writes local offsets). */
	timeZone?: string;
	/** Request log entries kept (counters are kept for all requests). */
	logSize?: number;
}

export interface LogEntry {
	seq: number;
	at: string;
	method: string;
	endpoint: string;
	path: string;
	realmId?: string;
	status: number;
	faultCode?: string;
	requestId?: string;
	/** What the client sent: the minorversion query parameter, and the Authorization scheme (Bearer, Basic). */
	minorVersion?: string;
	authScheme?: string;
	replayed?: boolean;
	injected?: string;
	throttled?: boolean;
	batchItems?: number;
	/** Metered calls in Intuit's classes (a successful batch counts each item that succeeded): CorePlus reads, Core writes. */
	corePlus?: number;
	core?: number;
	/** Set when the emulator itself failed (a bug), with the stack. */
	error?: string;
	durationMs: number;
}

/** What the QBO emulator can inject (README: fault kinds). */
export const QBO_FAULT_KINDS = ['429', '500', '503', '5010', 'reset', 'timeout'] as const;
export type QboFaultKind = (typeof QBO_FAULT_KINDS)[number];

export const DEFAULT_CLIENT: OAuthClientApp = {
	clientId: 'ABemulatorClientId0000000000000000000000000001',
	clientSecret: 'emulator-client-secret',
	redirectUris: [],
};
const DEFAULT_REALM_OPTIONS: RealmOptions = {
	warnDuplicateDocNumber: true,
	emailsPerDay: 40,
	automatedSalesTaxRate: 0.0825,
};

export class QboEmulatorState {
	readonly clock: Clock;
	readonly realms = new Map<string, Realm>();
	readonly oauth: OAuthServer;
	readonly throttle: Throttle;
	readonly webhooks = new WebhookDispatcher();
	readonly faults = new FaultInjector(QBO_FAULT_KINDS);
	readonly log: LogEntry[] = [];
	readonly counters = {
		total: 0,
		byEndpoint: {} as Record<string, number>,
		byStatus: {} as Record<string, number>,
		throttled: 0,
		replayed: 0,
		injected: 0,
		corePlus: 0,
		core: 0,
	};
	latencyMs: number | [number, number];
	private seq = 0;
	private nextRealm = 9341455000000001n; // BigInt: QBO company ids exceed 2^53
	private readonly logSize: number;

	constructor(options: EmulatorOptions = {}) {
		this.clock = new Clock(options.timeZone ?? 'America/Los_Angeles');
		this.oauth = new OAuthServer(this.clock);
		this.throttle = new Throttle(this.clock, { ...REAL_LIMITS, ...options.limits });
		this.latencyMs = options.latencyMs ?? 0;
		this.logSize = options.logSize ?? 10_000;
		for (const client of options.clients ?? [DEFAULT_CLIENT]) this.oauth.addClient(client);
		for (const realm of options.realms ?? [{}]) this.createRealm(realm);
	}

	createRealm(input: RealmInput = {}): Realm {
		const realmId = input.realmId ?? String(this.nextRealm++);
		if (!/^\d+$/.test(realmId))
			throw new Error(`realmId must be digits, like QBO company ids; got "${realmId}"`);
		if (this.realms.has(realmId)) throw new Error(`realm ${realmId} already exists`);
		const realm = new Realm(
			realmId,
			this.clock,
			{ ...DEFAULT_REALM_OPTIONS, ...input.options },
			(event: ChangeEvent) => this.webhooks.publish(event),
		);
		if ((input.seed ?? 'sandbox') === 'sandbox') seedSandbox(realm);
		else seedEmpty(realm, input.companyName);
		if (input.companyName) realm.singleton('CompanyInfo').CompanyName = input.companyName;
		this.realms.set(realmId, realm);
		if (input.preferences) this.setPreferences(realmId, input.preferences);
		return realm;
	}

	realm(realmId: string): Realm {
		const realm = this.realms.get(realmId);
		if (!realm)
			throw new Error(`no realm ${realmId}; known: ${[...this.realms.keys()].join(', ')}`);
		return realm;
	}

	/** Admin-side preference change (no SyncToken needed), e.g. turning custom transaction numbers on. */
	setPreferences(realmId: string, sections: Entity): Entity {
		const prefs = this.realm(realmId).singleton('Preferences');
		for (const [section, value] of Object.entries(sections))
			prefs[section] = { ...(prefs[section] ?? {}), ...value };
		return prefs;
	}

	/** A valid access token for a realm without the OAuth browser flow. */
	token(
		realmId: string,
		options: { clientId?: string; expiresIn?: number } = {},
	): Record<string, unknown> {
		this.realm(realmId);
		const clientId = options.clientId ?? [...this.oauth.clients.keys()][0];
		if (!this.oauth.client(clientId)) throw new Error(`unknown clientId ${clientId}`);
		return this.oauth.directGrant(clientId, realmId, options.expiresIn);
	}

	injectFault(rule: FaultRuleInput<QboFaultKind>) {
		return this.faults.add(rule);
	}

	registerWebhook(input: WebhookRegistrationInput) {
		return this.webhooks.register(input);
	}

	setLimits(limits: Partial<ThrottleLimits>): ThrottleLimits {
		this.throttle.limits = { ...this.throttle.limits, ...limits };
		this.throttle.reset();
		return this.throttle.limits;
	}

	dump(realmId: string): RealmDump {
		return this.realm(realmId).dump();
	}

	load(realmId: string, dump: RealmDump): void {
		const realm = this.realms.get(realmId) ?? this.createRealm({ realmId, seed: 'empty' });
		realm.load(dump);
	}

	record(entry: Omit<LogEntry, 'seq' | 'at'>): void {
		const full: LogEntry = { seq: ++this.seq, at: new Date().toISOString(), ...entry };
		this.log.push(full);
		if (this.log.length > this.logSize) this.log.splice(0, this.log.length - this.logSize);
		const c = this.counters;
		c.total++;
		c.byEndpoint[entry.endpoint] = (c.byEndpoint[entry.endpoint] ?? 0) + 1;
		c.byStatus[entry.status] = (c.byStatus[entry.status] ?? 0) + 1;
		if (entry.throttled) c.throttled++;
		if (entry.replayed) c.replayed++;
		if (entry.injected) c.injected++;
		c.corePlus += entry.corePlus ?? 0;
		c.core += entry.core ?? 0;
	}

	resetLog(): void {
		this.log.length = 0;
		Object.assign(this.counters, {
			total: 0,
			byEndpoint: {},
			byStatus: {},
			throttled: 0,
			replayed: 0,
			injected: 0,
			corePlus: 0,
			core: 0,
		});
	}
}
