/** The pure sync engine (nodes/shared/sync): fingerprints, the customer mapper, matching, decisions, plans. */
import {
	appCustomerFields,
	appLocationFields,
	customerAdapter,
	customerProblems,
	qboCustomerFields,
	toQboCustomer,
	type CustomerFields,
} from '../../../../../nodes/shared/sync/customers/mapping';
import { decide, resolveConflict } from '../../../../../nodes/shared/sync/pipeline/decide';
import { canonicalJson, fingerprint } from '../../../../../nodes/shared/sync/pipeline/fingerprint';
import { matchAll, normaliseName } from '../../../../../nodes/shared/sync/pipeline/matcher';
import {
	accountsOf,
	appItemFields,
	itemProblems,
	qboItemFields,
	toQboItem,
} from '../../../../../nodes/shared/sync/items/mapping';
import {
	plan,
	requestIdOf,
	type AppSide,
	type QboSide,
} from '../../../../../nodes/shared/sync/pipeline/planner';

const REALM = '9341455000000001';
const appTerms = new Map([['trm_net30', 'Net 30']]);
const qboTerms = new Map([['3', 'Net 30']]);
const appTax = new Map([['tax_ca', 'CA Sales']]);
const qboTax = new Map([['7', 'CA Sales']]);
const byName = (m: Map<string, string>) => (name: string) =>
	[...m].find(([, n]) => n === name)?.[0];
const appNames = {
	termName: (id: string) => appTerms.get(id),
	taxCodeName: (id: string) => appTax.get(id),
};
const qboNames = {
	termName: (id: string) => qboTerms.get(id),
	taxCodeName: (id: string) => qboTax.get(id),
};
const qboIds = { termId: byName(qboTerms), taxCodeId: byName(qboTax) };
const appIds = { termId: byName(appTerms), taxCodeId: byName(appTax) };

const appCustomer = (over: Record<string, unknown> = {}) => ({
	id: 'cus_0001',
	version: 4,
	updatedAt: '2026-11-22T06:03:54.945Z',
	deletedAt: null,
	name: 'Amy Lane',
	companyName: 'Lane Gardens',
	firstName: 'Amy',
	lastName: 'Lane',
	billingEmail: 'amy@lanegardens.example',
	phone: '555-0100',
	billingAddress: {
		line1: '1 Main St',
		city: 'Half Moon Bay',
		region: 'CA',
		postalCode: '94019',
		country: 'USA',
	},
	termsId: 'trm_net30',
	taxRateId: 'tax_ca',
	notes: 'Gate code 4411.\nDog in the yard.',
	active: true,
	...over,
});

/** What QBO stores and returns for a written body: the body plus its own fields. */
const stored = (body: Record<string, unknown>, id = '58') => ({
	...body,
	Id: id,
	SyncToken: '0',
	FullyQualifiedName: body.DisplayName,
	MetaData: {
		CreateTime: '2026-11-22T00:00:00-08:00',
		LastUpdatedTime: '2026-11-22T00:00:00-08:00',
	},
});

describe('fingerprint', () => {
	it('ignores key order and empty values, normalises numbers and times', () => {
		expect(fingerprint({ a: 1.5, b: 'x', c: null, d: '', e: { z: 1, y: undefined } })).toBe(
			fingerprint({ e: { z: 1 }, b: 'x', a: 1.5 }),
		);
		expect(fingerprint({ at: '2026-11-22T00:00:00-08:00' })).toBe(
			fingerprint({ at: '2026-11-22T08:00:00.000Z' }),
		);
		expect(fingerprint({ amount: 10.004 })).toBe(fingerprint({ amount: 10 }));
		expect(canonicalJson({ b: { d: 1, c: 2 }, a: [2, 1] })).toBe('{"a":[2,1],"b":{"c":2,"d":1}}');
	});

	it('changes with any synced value, a trailing space included', () => {
		expect(fingerprint({ name: 'Amy' })).not.toBe(fingerprint({ name: 'Amy ' }));
		expect(fingerprint({ active: true })).not.toBe(fingerprint({ active: false }));
		expect(fingerprint({ amount: 10 })).not.toBe(fingerprint({ amount: 10.01 }));
	});
});

describe('customer mapper', () => {
	it('maps an app customer to QuickBooks and back to the same fields (notes, terms and tax by name)', () => {
		const fields = appCustomerFields(appCustomer(), appNames);
		const body = toQboCustomer(fields, qboIds);
		expect(body).toMatchObject({
			DisplayName: 'Amy Lane',
			CompanyName: 'Lane Gardens',
			GivenName: 'Amy',
			FamilyName: 'Lane',
			PrimaryEmailAddr: { Address: 'amy@lanegardens.example' },
			SalesTermRef: { value: '3' },
			DefaultTaxCodeRef: { value: '7' },
			Taxable: true,
			Notes: 'Gate code 4411.\nDog in the yard.',
			Active: true,
			BillAddr: { Line1: '1 Main St', CountrySubDivisionCode: 'CA' },
		});
		const back = qboCustomerFields(stored(body), qboNames);
		expect(back).toEqual(fields);
		expect(fingerprint(back as unknown as Record<string, unknown>)).toBe(
			fingerprint(fields as unknown as Record<string, unknown>),
		);
	});

	it('makes a service location a sub-customer billed with its parent', () => {
		const fields = appLocationFields(
			{
				id: 'loc_1',
				customerId: 'cus_0001',
				name: '55 Twin Lane',
				address: { line1: '55 Twin Lane', city: 'Half Moon Bay' },
				notes: 'Side gate',
				active: true,
			},
			'58',
		);
		const body = toQboCustomer(fields, qboIds);
		expect(body).toEqual({
			DisplayName: '55 Twin Lane',
			Active: true,
			Notes: 'Side gate',
			Job: true,
			BillWithParent: true,
			ParentRef: { value: '58' },
			BillAddr: expect.objectContaining({ Line1: '55 Twin Lane' }),
			ShipAddr: expect.objectContaining({ Line1: '55 Twin Lane' }),
		});
		expect(qboCustomerFields(stored(body, '59'), qboNames)).toEqual(fields);
	});

	it('makes deleted and inactive app customers inactive in QuickBooks', () => {
		expect(appCustomerFields(appCustomer({ active: false }), appNames).active).toBe(false);
		expect(
			appCustomerFields(
				appCustomer({ deletedAt: '2026-11-23T00:00:00.000Z', active: true }),
				appNames,
			).active,
		).toBe(false);
	});

	it('names every rule QuickBooks would refuse, with the fix', () => {
		const problems = customerProblems(
			appCustomerFields(
				appCustomer({
					name: 'Lane: Amy ',
					billingEmail: 'amy-at-example',
					notes: 'x'.repeat(2001),
					termsId: null,
					taxRateId: null,
				}),
				appNames,
			),
			qboIds,
		);
		expect(problems.map((p) => p.field)).toEqual(['name', 'name', 'notes', 'billingEmail']);
		expect(problems[0]).toEqual({
			field: 'name',
			reason: expect.stringContaining('colon'),
			fix: expect.stringContaining('Remove the colon'),
		});
		expect(problems[2].reason).toBe('the notes has 2001 characters; QuickBooks allows 2000');
		const unknownTerms = customerProblems({ name: 'Bob', active: true, terms: 'Net 45' }, qboIds);
		expect(unknownTerms).toEqual([
			{
				field: 'termsId',
				reason: 'QuickBooks has no payment terms named "Net 45"',
				fix: expect.stringContaining('Create terms named "Net 45"'),
			},
		]);
	});
});

describe('matcher', () => {
	type R = { id: string; email?: string; name: string; link?: string };
	const options = (allowCreate = true, requireFirstKey = false) => ({
		linkOf: (r: R) => r.link,
		idOf: (t: R) => t.id,
		keys: [{ label: 'billing e-mail', source: (r: R) => r.email, target: (t: R) => t.email }],
		requireFirstKey,
		allowCreate,
		uniqueName: { source: (r: R) => r.name, target: (t: R) => t.name },
		describe: (r: R) => `customer ${r.id}`,
		describeTarget: (t: R) => `QuickBooks customer ${t.id}`,
	});
	const qbo: R[] = [
		{ id: '1', email: 'amy@example.com', name: 'Amy Lane' },
		{ id: '2', email: 'shared@example.com', name: 'Bob One' },
		{ id: '3', email: 'shared@example.com', name: 'Bob Two' },
		{ id: '4', email: 'cara@example.com', name: 'Cara  Dune' },
	];

	it('links by the stored link first, then by e-mail ignoring case and spaces', () => {
		const [linked, matched] = matchAll(
			[
				{ id: 'a', name: 'X', link: '4' },
				{ id: 'b', email: ' AMY@example.com ', name: 'Amy' },
			],
			qbo,
			options(),
		);
		expect(linked).toEqual({ kind: 'linked', target: qbo[3] });
		expect(matched).toEqual({ kind: 'matched', target: qbo[0], by: 'billing e-mail' });
	});

	it('reports missing key, duplicate match, duplicate name, not found and a broken link; the others still match', () => {
		const results = matchAll(
			[
				{ id: 'no-email', name: 'Dan' },
				{ id: 'shared', email: 'shared@example.com', name: 'Bob' },
				{ id: 'clash', email: 'other@example.com', name: 'cara dune' },
				{ id: 'gone', name: 'Eve', link: '99' },
				{ id: 'ok', email: 'amy@example.com', name: 'Amy' },
			],
			qbo,
			options(true, true),
		);
		expect(results.map((r) => (r.kind === 'issue' ? r.issue.code : r.kind))).toEqual([
			'missing_key',
			'duplicate_match',
			'duplicate_name',
			'link_broken',
			'matched',
		]);
		const duplicate = results[1] as { issue: { reason: string; candidates: string[] } };
		expect(duplicate.issue.candidates).toEqual(['2', '3']);
		expect(duplicate.issue.reason).toBe(
			'customer shared: 2 QuickBooks records have the billing e-mail "shared@example.com" (QuickBooks customer 2, QuickBooks customer 3)',
		);
		expect((results[2] as { issue: { fix: string } }).issue.fix).toMatch(
			/set the record's qboId to 4/,
		);
		expect(
			matchAll([{ id: 'x', email: 'new@example.com', name: 'New' }], qbo, options(false))[0],
		).toMatchObject({ kind: 'issue', issue: { code: 'not_found' } });
		expect(
			matchAll([{ id: 'x', email: 'new@example.com', name: 'New' }], qbo, options(true))[0],
		).toEqual({ kind: 'new' });
	});

	it('tells apart QuickBooks records that share an e-mail by the next key (the name)', () => {
		const twoKeys = {
			...options(),
			keys: [
				...options().keys,
				{ label: 'name', source: (r: R) => r.name, target: (t: R) => t.name },
			],
		};
		expect(
			matchAll([{ id: 'b2', email: 'shared@example.com', name: 'bob two' }], qbo, twoKeys)[0],
		).toEqual({ kind: 'matched', target: qbo[2], by: 'billing e-mail and name' });
		expect(
			matchAll([{ id: 'b3', email: 'shared@example.com', name: 'Bob Three' }], qbo, twoKeys)[0],
		).toMatchObject({ kind: 'issue', issue: { code: 'duplicate_match' } });
	});

	it('gives a QuickBooks record to one app record only', () => {
		const results = matchAll(
			[
				{ id: 'a', email: 'amy@example.com', name: 'A' },
				{ id: 'b', email: 'amy@example.com', name: 'B' },
				{ id: 'c', name: 'C', link: '1' },
			],
			qbo,
			options(),
		);
		expect(results.map((r) => (r.kind === 'issue' ? r.issue.code : r.kind))).toEqual([
			'already_matched',
			'already_matched',
			'linked',
		]);
	});

	it('normalises names as QuickBooks compares them', () => {
		expect(normaliseName('  Cara   DUNE ')).toBe('cara dune');
	});
});

describe('decisions and conflicts', () => {
	const pair = (app: string, quickbooks: string, lastSynced?: string) => ({
		app,
		quickbooks,
		lastSynced,
		appUpdatedAt: '2026-11-22T10:00:00.000Z',
		quickbooksUpdatedAt: '2026-11-22T01:59:59-08:00',
	});

	it('does nothing when both sides are equal, and re-links when the stored fingerprint is stale', () => {
		expect(decide('twoWay', 'latest', pair('f1', 'f1', 'f1'))).toEqual({
			action: 'unchanged',
			relink: false,
		});
		expect(decide('push', 'latest', pair('f1', 'f1', 'f0'))).toEqual({
			action: 'unchanged',
			relink: true,
		});
	});

	it('copies the side that changed since the last sync', () => {
		expect(decide('twoWay', 'latest', pair('f2', 'f1', 'f1'))).toEqual({ action: 'push' });
		expect(decide('twoWay', 'latest', pair('f1', 'f2', 'f1'))).toEqual({ action: 'pull' });
		expect(decide('push', 'latest', pair('f1', 'f2', 'f1'))).toEqual({ action: 'push' });
		expect(decide('pull', 'latest', pair('f2', 'f1', 'f1'))).toEqual({ action: 'pull' });
	});

	it('lets the most recent edit win when both changed, comparing UTC times', () => {
		// QBO 01:59:59-08:00 = 09:59:59Z, the app 10:00:00Z: the app is later
		expect(decide('twoWay', 'latest', pair('f2', 'f3', 'f1'))).toEqual({
			action: 'push',
			conflict: {
				winner: 'app',
				why: expect.stringContaining("the app's edit is the most recent"),
			},
		});
		expect(
			resolveConflict('latest', '2026-11-22T09:00:00.000Z', '2026-11-22T01:30:00-08:00'),
		).toMatchObject({ winner: 'quickbooks' });
		expect(
			resolveConflict('latest', '2026-11-22T09:30:00.400Z', '2026-11-22T01:30:00-08:00'),
		).toEqual({ winner: 'quickbooks', why: expect.stringContaining('a tie goes to QuickBooks') });
		expect(resolveConflict('app', '2026-01-01T00:00:00Z', '2026-12-01T00:00:00Z').winner).toBe(
			'app',
		);
		expect(decide('twoWay', 'quickbooks', pair('f2', 'f3', 'f1'))).toMatchObject({
			action: 'pull',
			conflict: { winner: 'quickbooks' },
		});
	});
});

describe('planner', () => {
	const adapter = customerAdapter({ matchBy: ['email', 'name'], qboIds, appIds });
	const appSide = (
		over: Record<string, unknown> = {},
		side: Partial<AppSide<CustomerFields>> = {},
	): AppSide<CustomerFields> => {
		const record = appCustomer(over);
		return {
			id: String(record.id),
			fields: appCustomerFields(record, appNames),
			updatedAt: String(record.updatedAt),
			link: null,
			lastSynced: null,
			...side,
		};
	};
	const qboSide = (
		body: Record<string, unknown>,
		id: string,
		updatedAt = '2026-11-22T00:00:00-08:00',
	): QboSide<CustomerFields> => ({
		id,
		syncToken: '0',
		fields: qboCustomerFields(stored(body, id), qboNames),
		updatedAt,
	});
	const options = {
		realmId: REALM,
		direction: 'push' as const,
		conflictPolicy: 'latest' as const,
		createInQuickBooks: true,
		createInApp: false,
	};

	it('creates a new customer with a requestid that is the same on every run of the same change', () => {
		const [first] = plan(adapter, [appSide()], [], options);
		const [again] = plan(adapter, [appSide()], [], options);
		expect(first).toMatchObject({
			kind: 'createInQuickBooks',
			appId: 'cus_0001',
			body: { DisplayName: 'Amy Lane' },
		});
		expect(
			first.kind === 'createInQuickBooks' &&
				again.kind === 'createInQuickBooks' &&
				first.requestId === again.requestId,
		).toBe(true);
		const [changed] = plan(adapter, [appSide({ phone: '555-0199' })], [], options);
		expect(
			changed.kind === 'createInQuickBooks' &&
				first.kind === 'createInQuickBooks' &&
				changed.requestId !== first.requestId,
		).toBe(true);
		expect(first.kind === 'createInQuickBooks' && first.requestId).toBe(
			requestIdOf(
				{ realmId: REALM },
				'Customer',
				'cus_0001',
				first.kind === 'createInQuickBooks' ? first.fingerprint : '',
			),
		);
	});

	it('gives the retry of a refused create a requestid of its own (QuickBooks would replay the refusal), the same for every run retrying it', () => {
		const requestId = (rounds?: Record<string, number>) => {
			const [action] = plan(adapter, [appSide()], [], { ...options, retryRounds: rounds });
			return action.kind === 'createInQuickBooks' ? action.requestId : undefined;
		};
		const ids = [requestId(), requestId({ cus_0001: 1 }), requestId({ cus_0001: 2 })];
		expect(new Set(ids).size).toBe(3);
		expect(requestId({ cus_0001: 1 })).toBe(ids[1]);
		expect(requestId({ other: 1 })).toBe(ids[0]);
	});

	it('writes nothing but the link for a customer already equal in QuickBooks, then nothing at all (no echo)', () => {
		const qbo = qboSide(toQboCustomer(appSide().fields, qboIds), '58');
		const [first] = plan(adapter, [appSide()], [qbo], options);
		expect(first).toMatchObject({
			kind: 'link',
			appId: 'cus_0001',
			qboId: '58',
			matchedBy: 'billing e-mail',
		});
		const linked = appSide(
			{},
			{ link: '58', lastSynced: first.kind === 'link' ? first.fingerprint : null },
		);
		expect(plan(adapter, [linked], [qbo], { ...options, direction: 'twoWay' })).toEqual([
			{ kind: 'unchanged', appId: 'cus_0001', qboId: '58', reason: 'the same in both systems' },
		]);
	});

	it('deactivates in QuickBooks a customer deleted in the app, and does not create deleted ones', () => {
		const live = appSide();
		const qbo = qboSide(toQboCustomer(live.fields, qboIds), '58');
		const print = fingerprint(live.fields as unknown as Record<string, unknown>);
		const deleted = appSide(
			{ deletedAt: '2026-11-23T00:00:00.000Z' },
			{ link: '58', lastSynced: print },
		);
		expect(plan(adapter, [deleted], [qbo], options)[0]).toMatchObject({
			kind: 'updateQuickBooks',
			qboId: '58',
			deactivate: true,
			body: { Active: false },
		});
		expect(
			plan(adapter, [appSide({ deletedAt: '2026-11-23T00:00:00.000Z' })], [], options)[0],
		).toMatchObject({ kind: 'unchanged', reason: expect.stringContaining('never in QuickBooks') });
	});

	it('pulls an edit made in QuickBooks in a two-way run and pushes one made in the app', () => {
		const base = appSide();
		const print = fingerprint(base.fields as unknown as Record<string, unknown>);
		const editedInQbo = qboSide(
			{ ...toQboCustomer(base.fields, qboIds), Notes: 'New gate code' },
			'58',
		);
		const [pulled] = plan(
			adapter,
			[appSide({}, { link: '58', lastSynced: print })],
			[editedInQbo],
			{ ...options, direction: 'twoWay' },
		);
		expect(pulled).toMatchObject({
			kind: 'updateApp',
			appId: 'cus_0001',
			body: { notes: 'New gate code', termsId: 'trm_net30', taxRateId: 'tax_ca' },
		});
		const [pushed] = plan(
			adapter,
			[appSide({ notes: 'App note' }, { link: '58', lastSynced: print })],
			[qboSide(toQboCustomer(base.fields, qboIds), '58')],
			{ ...options, direction: 'twoWay' },
		);
		expect(pushed).toMatchObject({ kind: 'updateQuickBooks', body: { Notes: 'App note' } });
	});

	it('reports a record QuickBooks would refuse and still plans the others', () => {
		const actions = plan(
			adapter,
			[
				appSide({ id: 'cus_bad', name: 'Bad: Name', billingEmail: 'bad@example.com' }),
				appSide({ id: 'cus_ok', billingEmail: 'ok@example.com', name: 'Okay' }),
			],
			[],
			options,
		);
		expect(actions.map((a) => a.kind)).toEqual(['issue', 'createInQuickBooks']);
		expect(actions[0]).toMatchObject({
			code: 'refused',
			reason: expect.stringContaining(
				'customer cus_bad (Bad: Name) cannot be written to QuickBooks: name:',
			),
			fix: expect.stringContaining('Remove the colon'),
		});
	});

	it('creates app records for unmatched QuickBooks customers in a pull, and leaves app-only records alone', () => {
		const qbo = qboSide(
			{
				DisplayName: 'Only In QBO',
				PrimaryEmailAddr: { Address: 'only@example.com' },
				Active: false,
			},
			'77',
		);
		const actions = plan(
			adapter,
			[appSide({ billingEmail: 'apponly@example.com', name: 'App Only' })],
			[qbo],
			{ ...options, direction: 'pull', createInApp: true },
		);
		expect(actions).toEqual([
			{
				kind: 'unchanged',
				appId: 'cus_0001',
				reason: expect.stringContaining('is not in QuickBooks'),
			},
			expect.objectContaining({
				kind: 'createInApp',
				qboId: '77',
				body: expect.objectContaining({
					name: 'Only In QBO',
					billingEmail: 'only@example.com',
					active: false,
				}),
			}),
		]);
	});
});

describe('item mapper', () => {
	const accountRows = [
		{ Id: '1', Name: 'Services', FullyQualifiedName: 'Services', AccountType: 'Income' },
		{ Id: '2', Name: 'Job Expenses', FullyQualifiedName: 'Job Expenses', AccountType: 'Expense' },
		{
			Id: '3',
			Name: 'Inventory Asset',
			FullyQualifiedName: 'Inventory Asset',
			AccountType: 'Other Current Asset',
		},
		{ Id: '4', Name: 'Checking', FullyQualifiedName: 'Checking', AccountType: 'Bank' },
	];
	const accounts = accountsOf(accountRows);
	const defaults = { income: 'Services', expense: '2', asset: 'inventory asset' };

	it('maps equipment to Inventory, resolves account names and ids, and keeps taxable and blank descriptions', () => {
		const fields = appItemFields(
			{
				name: 'Lawn Aerator',
				type: 'equipment',
				sku: 'EQ-1',
				taxable: false,
				price: 1200,
				cost: 800,
				quantityOnHand: 2,
				accounts: {},
				active: true,
			},
			defaults,
			accounts,
		);
		expect(fields).toEqual({
			name: 'Lawn Aerator',
			type: 'Inventory',
			sku: 'EQ-1',
			description: undefined,
			taxable: false,
			price: 1200,
			cost: 800,
			incomeAccount: 'Services',
			expenseAccount: 'Job Expenses',
			assetAccount: 'Inventory Asset',
			active: true,
		});
		const body = toQboItem(fields, accounts, { quantityOnHand: 2, startDate: '2026-12-03' });
		expect(body).toMatchObject({
			Type: 'Inventory',
			Taxable: false,
			Description: '',
			IncomeAccountRef: { value: '1' },
			ExpenseAccountRef: { value: '2' },
			AssetAccountRef: { value: '3' },
			TrackQtyOnHand: true,
			QtyOnHand: 2,
			InvStartDate: '2026-12-03',
		});
		expect(toQboItem(fields, accounts)).not.toHaveProperty('QtyOnHand'); // an update never resets the quantity
		expect(qboItemFields({ ...body, Id: '9', Active: true }, accounts)).toEqual(fields);
		expect(
			qboItemFields({ Id: '5', Name: 'Seasonal', Type: 'Category' }, accounts),
		).toBeUndefined();
	});

	it('names a missing, unknown or wrong-type account and QBO name rules, with the fix', () => {
		const problems = itemProblems(
			{
				name: 'x'.repeat(101),
				type: 'Inventory',
				taxable: true,
				price: 0,
				cost: 0,
				incomeAccount: 'Checking',
				expenseAccount: 'Nope',
				active: true,
			},
			accounts,
		);
		expect(problems.map((p) => [p.field, p.reason])).toEqual([
			['name', 'the name has 101 characters; QuickBooks allows 100 for items'],
			[
				'accounts.income',
				'the income account "Checking" is a Bank account; QuickBooks needs Income or Other Income',
			],
			['accounts.expense', 'QuickBooks has no account "Nope" for the expense account'],
			[
				'accounts.asset',
				"an Inventory item needs an inventory asset account and neither the item nor the template's defaults give one",
			],
		]);
	});
});
