/**
 * Tax rates and terms QuickBooks → app (pure engine, QuickBooks answered from lists in memory):
 * terms by name with their due days, a sales tax code's rate as the sum of its rates, inactive kept
 * inactive, links first, date-driven terms and values the app cannot hold reported with the fix;
 * the run after the writes writes nothing.
 */
import type { QboCall, QboJson } from '../../../../../nodes/shared/qbo/caller';
import { pullTaxTerms } from '../../../../../nodes/shared/sync/tax-terms/pull';

const meta = {
	CreateTime: '2026-11-01T00:00:00-08:00',
	LastUpdatedTime: '2026-11-01T00:00:00-08:00',
};
const term = (Id: string, Name: string, extra: QboJson = {}) => ({
	Id,
	Name,
	SyncToken: '0',
	Active: true,
	Type: 'STANDARD',
	MetaData: meta,
	...extra,
});
const QBO: Record<string, QboJson[]> = {
	Term: [
		term('1', 'Due on receipt', { DueDays: 0 }),
		term('2', 'Net 30', { DueDays: 30 }),
		term('3', 'Net 60', { DueDays: 60, Active: false }),
		term('4', '15th of the month', { Type: 'DATE_DRIVEN', DayOfMonthDue: 15 }),
	],
	TaxRate: [
		{ Id: '1', Name: 'California', RateValue: 7.25 },
		{ Id: '2', Name: 'Tucson City', RateValue: 0.75 },
		{ Id: '3', Name: 'Odd', RateValue: 150 },
	],
	TaxCode: [
		{ Id: 'TAX', Name: 'TAX', SyncToken: '0', MetaData: meta },
		{
			Id: '2',
			Name: 'California',
			SyncToken: '0',
			Active: true,
			SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: '1' } }] },
			MetaData: meta,
		},
		{
			Id: '3',
			Name: 'Tucson',
			SyncToken: '0',
			Active: true,
			SalesTaxRateList: {
				TaxRateDetail: [{ TaxRateRef: { value: '1' } }, { TaxRateRef: { value: '2' } }],
			},
			MetaData: meta,
		},
		{
			Id: '4',
			Name: 'Broken',
			SyncToken: '0',
			Active: true,
			SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: '3' } }] },
			MetaData: meta,
		},
	],
};

/** Answers `SELECT * FROM <Entity> …` with the whole list. */
const call: QboCall = async (request) => {
	const entity = /FROM\s+(\w+)/i.exec(String(request.body))![1];
	const start = Number(/STARTPOSITION\s+(\d+)/i.exec(String(request.body))?.[1] ?? 1);
	return { QueryResponse: start === 1 ? { [entity]: QBO[entity] ?? [] } : {} };
};

const record = (id: string, body: QboJson, extra: QboJson = {}) => ({
	id,
	version: 1,
	updatedAt: '2026-11-01T00:00:00.000Z',
	qboId: null,
	sync: { fingerprint: null },
	...body,
	...extra,
});
const settings = { realmId: '1', createInApp: true, now: () => '2026-12-01T00:00:00.000Z' };

describe('tax rates and terms QuickBooks → app', () => {
	it('creates what the app lacks, links what it has by name, and reports what it cannot hold', async () => {
		const app = [
			record('trm_1', { name: 'Net 30', dueDays: 30, active: true }),
			record('trm_2', { name: 'Net 45', dueDays: 45, active: true }),
			record('tax_1', { name: 'California', rate: 7.25, active: true }),
		];
		const result = await pullTaxTerms(call, app, settings);
		const posts = result.appChanges.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]);
		expect(posts).toEqual([
			['/v1/terms', { name: 'Due on receipt', dueDays: 0, active: true }],
			['/v1/terms', { name: 'Net 60', dueDays: 60, active: false }],
			['/v1/tax-rates', { name: 'Tucson', rate: 8, active: true }],
		]);
		expect(
			result.appChanges.filter((c) => c.method === 'PUT').map((c) => [c.path, c.body.qboId]),
		).toEqual([
			['/v1/terms/trm_1/sync', '2'],
			['/v1/tax-rates/tax_1/sync', '2'],
		]);
		expect(result.issues).toEqual([
			expect.objectContaining({
				resource: 'terms',
				qboId: '4',
				code: 'unsupported_terms',
				reason: expect.stringContaining('due on a day of the month (day 15)'),
				fix: expect.stringContaining('"15th of the month"'),
			}),
			expect.objectContaining({
				resource: 'tax-rates',
				qboId: '4',
				code: 'refused',
				reason: expect.stringContaining('rate: Number must be less than or equal to 100'),
			}),
		]);
		// The app-only Net 45 stays as it is; TAX (no sales rate) is not an app tax rate.
		expect(result.summary).toMatchObject({
			resource: 'taxTerm',
			direction: 'pull',
			created: 3,
			linked: 2,
			issues: 2,
			safeCursor: null,
		});
	});

	it('updates a linked app record from QuickBooks and writes nothing once both agree', async () => {
		const first = await pullTaxTerms(
			call,
			[record('trm_1', { name: 'Net 30', dueDays: 45, active: true }, { qboId: '2' })],
			settings,
		);
		expect(first.appChanges[0]).toMatchObject({
			method: 'PATCH',
			path: '/v1/terms/trm_1',
			body: { name: 'Net 30', dueDays: 30, active: true, version: 1 },
		});
		const fingerprint = first.appChanges.find((c) => c.method === 'PUT')!.body.fingerprint;
		const everything = [
			record(
				'trm_1',
				{ name: 'Net 30', dueDays: 30, active: true },
				{ qboId: '2', sync: { fingerprint } },
			),
			...(await pullTaxTerms(call, [], settings)).appChanges
				.filter((c) => c.method === 'POST' && c.body.name !== 'Net 30')
				.map((c, i) =>
					record(`new_${i}`, c.body, {
						qboId: c.link!.qboId,
						sync: { fingerprint: c.link!.fingerprint },
					}),
				),
		];
		const again = await pullTaxTerms(call, everything, settings);
		expect(again.appChanges).toEqual([]);
		expect(again.summary).toMatchObject({ created: 0, updated: 0, linked: 0 });
	});

	it('keeps an app record linked to QuickBooks terms it cannot hold as it is, and reports an invalid input item', async () => {
		const result = await pullTaxTerms(
			call,
			[
				record('trm_9', { name: '15th', dueDays: 15, active: true }, { qboId: '4' }),
				record('trm_bad', { name: '', dueDays: -1 }),
			],
			settings,
		);
		expect(result.appChanges.filter((c) => c.appId === 'trm_9')).toEqual([]);
		expect(result.issues.map((i) => i.code)).toEqual(
			expect.arrayContaining(['invalid_record', 'unsupported_terms']),
		);
		expect(result.issues.map((i) => i.code)).not.toContain('link_broken');
	});
});
