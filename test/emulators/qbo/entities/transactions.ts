/** What every transaction shares: DocNumber, TxnDate, line numbering, tax and links between documents. */
import { fault, faults } from '../fault';
import type { Realm } from '../realm';
import { checkEnum, isBlank, money, refTo, resolveRef, toNumber } from './common';
import type { Entity, WriteContext } from './types';

/** Sales forms that QBO numbers itself when custom numbers are off (§2.4). */
const AUTO_NUMBERED = new Set([
	'Invoice',
	'CreditMemo',
	'SalesReceipt',
	'Estimate',
	'RefundReceipt',
]);

/**
 * DocNumber: `AUTO_GENERATE` or (custom numbers off and none given) → next in sequence; custom
 * numbers on → a duplicate is 6140 while QBO's "warn on duplicates" setting is on (§2.4, §8.6).
 */
export function assignDocNumber(
	ctx: WriteContext,
	type: string,
	entity: Entity,
	previous: Entity | undefined,
): void {
	const realm = ctx.realm;
	const custom = realm.preference('SalesFormsPrefs.CustomTxnNumbers') === true;
	const wantsAuto =
		entity.DocNumber === 'AUTO_GENERATE' || (!custom && !previous && isBlank(entity.DocNumber));
	if (wantsAuto && AUTO_NUMBERED.has(type)) {
		let next = (realm.docNumbers.get(type) ?? 1000) + 1;
		while (realm.all(type).some((t) => t.DocNumber === String(next))) next++;
		realm.docNumbers.set(type, next);
		entity.DocNumber = String(next);
		return;
	}
	if (entity.DocNumber === 'AUTO_GENERATE') delete entity.DocNumber;
	if (isBlank(entity.DocNumber)) {
		delete entity.DocNumber;
		return;
	}
	entity.DocNumber = String(entity.DocNumber);
	if (custom && realm.options.warnDuplicateDocNumber && entity.DocNumber !== previous?.DocNumber) {
		const clash = realm
			.all(type)
			.find((t) => t.Id !== previous?.Id && t.DocNumber === entity.DocNumber);
		if (clash) throw faults.duplicateDocNumber(entity.DocNumber, type, clash.Id);
	}
}

export function txnDate(ctx: WriteContext, entity: Entity, field = 'TxnDate'): void {
	if (isBlank(entity[field])) {
		if (field === 'TxnDate') entity[field] = ctx.realm.clock.today();
		return;
	}
	if (
		!/^\d{4}-\d{2}-\d{2}/.test(String(entity[field])) ||
		Number.isNaN(Date.parse(String(entity[field]).slice(0, 10)))
	) {
		throw faults.business(`${field} "${entity[field]}" is not a date; use YYYY-MM-DD.`, field);
	}
	entity[field] = String(entity[field]).slice(0, 10);
}

export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Due date from a term: DueDays after the transaction date, or the DayOfMonthDue of the next month. */
export function dueDate(term: Entity | undefined, date: string): string {
	if (!term) return date;
	if (typeof term.DueDays === 'number') return addDays(date, term.DueDays);
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCMonth(d.getUTCMonth() + 1, Math.min(term.DayOfMonthDue ?? 1, 28));
	return d.toISOString().slice(0, 10);
}

export function requireLines(entity: Entity): Entity[] {
	if (!Array.isArray(entity.Line) || entity.Line.length === 0) throw faults.required('Line');
	return entity.Line;
}

export function lineAmount(line: Entity, index: number): number {
	if (line.Amount === undefined || line.Amount === null || line.Amount === '')
		throw faults.required(`Line[${index}].Amount`);
	return money(toNumber(line.Amount, `Line[${index}].Amount`));
}

export function numberLines(lines: Entity[]): Entity[] {
	return lines.map((line, i) => ({ ...line, Id: String(i + 1), LineNum: i + 1 }));
}

/** Tax on a sales form: with Automated Sales Tax QBO computes it and ignores what was sent (§10.2). */
export function salesTax(ctx: WriteContext, entity: Entity, taxable: number): Entity | undefined {
	const realm = ctx.realm;
	if (realm.preference('TaxPrefs.PartnerTaxEnabled') === true) {
		return { TotalTax: money(taxable * realm.options.automatedSalesTaxRate), TaxLine: [] };
	}
	const sent = entity.TxnTaxDetail;
	if (sent?.TxnTaxCodeRef?.value) {
		const code = resolveRef(ctx, 'TaxCode', sent.TxnTaxCodeRef, 'TxnTaxDetail.TxnTaxCodeRef')!;
		const rates: Entity[] = (code.SalesTaxRateList?.TaxRateDetail ?? [])
			.map((d: Entity) => realm.get('TaxRate', d.TaxRateRef?.value))
			.filter(Boolean);
		const percent = rates.reduce((s, r) => s + (r.RateValue ?? 0), 0);
		return {
			TxnTaxCodeRef: { value: code.Id },
			TotalTax: money((taxable * percent) / 100),
			TaxLine: rates.map((r) => ({
				Amount: money((taxable * r.RateValue) / 100),
				DetailType: 'TaxLineDetail',
				TaxLineDetail: {
					TaxRateRef: { value: r.Id },
					PercentBased: true,
					TaxPercent: r.RateValue,
					NetAmountTaxable: taxable,
				},
			})),
		};
	}
	if (sent && sent.TotalTax !== undefined)
		return { TotalTax: money(toNumber(sent.TotalTax, 'TxnTaxDetail.TotalTax')), TaxLine: [] };
	return undefined;
}

/** A sales form's lines (§2.4): item lines with US TAX/NON codes, description lines, one discount; the subtotal is QBO's. */
export function salesLines(
	ctx: WriteContext,
	entity: Entity,
	customer: Entity,
): { lines: Entity[]; subtotal: number; taxable: number } {
	const lines: Entity[] = [];
	let subtotal = 0;
	let taxable = 0;
	let taxableLines = 0;
	let discount: Entity | undefined;
	requireLines(entity).forEach((line, i) => {
		checkEnum(line, 'DetailType', [
			'SalesItemLineDetail',
			'DescriptionOnly',
			'SubTotalLineDetail',
			'DiscountLineDetail',
			'GroupLineDetail',
		]);
		if (isBlank(line.DetailType)) throw faults.required(`Line[${i}].DetailType`);
		if (line.DetailType === 'SubTotalLineDetail') return; // recomputed below
		if (line.DetailType === 'GroupLineDetail')
			throw faults.unsupported(
				'Group (bundle) lines are not supported: bundles cannot be created through the API.',
			);
		if (line.DetailType === 'DescriptionOnly') {
			lines.push({
				Description: line.Description,
				DetailType: 'DescriptionOnly',
				DescriptionLineDetail: line.DescriptionLineDetail ?? {},
			});
			return;
		}
		if (line.DetailType === 'DiscountLineDetail') {
			discount = line;
			return;
		}
		const detail: Entity = { ...(line.SalesItemLineDetail ?? {}) };
		const item = resolveRef(ctx, 'Item', detail.ItemRef, `Line[${i}].SalesItemLineDetail.ItemRef`);
		if (!item) {
			// "When a line lacks an ItemRef it is treated as documentation and the Line.Amount attribute is ignored."
			lines.push({
				Description: line.Description,
				DetailType: 'DescriptionOnly',
				DescriptionLineDetail: {},
			});
			return;
		}
		if (item.Type === 'Category')
			throw faults.business(
				`Line ${i + 1}: "${item.Name}" is a category and cannot be sold.`,
				`Line[${i}].SalesItemLineDetail.ItemRef`,
			);
		const amount = lineAmount(line, i);
		detail.ItemRef = refTo(item, 'Name');
		if (detail.Qty !== undefined)
			detail.Qty = toNumber(detail.Qty, `Line[${i}].SalesItemLineDetail.Qty`);
		if (detail.UnitPrice !== undefined)
			detail.UnitPrice = toNumber(detail.UnitPrice, `Line[${i}].SalesItemLineDetail.UnitPrice`);
		const code =
			detail.TaxCodeRef?.value ?? (item.Taxable && customer.Taxable !== false ? 'TAX' : 'NON');
		if (code !== 'TAX' && code !== 'NON') {
			throw fault(
				400,
				'6100',
				'Invalid Line TaxCode',
				`Valid Line TaxCodes for US should be TAX or NON; line ${i + 1} has "${code}".`,
				`Line[${i}].SalesItemLineDetail.TaxCodeRef`,
			);
		}
		detail.TaxCodeRef = { value: code };
		const cls = resolveRef(
			ctx,
			'Class',
			detail.ClassRef,
			`Line[${i}].SalesItemLineDetail.ClassRef`,
		);
		if (cls) detail.ClassRef = refTo(cls, 'Name');
		if (detail.ServiceDate) txnDate(ctx, detail, 'ServiceDate');
		subtotal += amount;
		if (code === 'TAX') {
			taxable += amount;
			taxableLines++;
		}
		lines.push({
			Description: line.Description ?? item.Description,
			Amount: amount,
			DetailType: 'SalesItemLineDetail',
			SalesItemLineDetail: detail,
		});
	});
	if (taxableLines > 750)
		throw faults.business('A taxable transaction can have at most 750 lines.', 'Line');
	const numbered = numberLines(lines);
	numbered.push({
		Amount: money(subtotal),
		DetailType: 'SubTotalLineDetail',
		SubTotalLineDetail: {},
	});
	if (discount) {
		const d = discount.DiscountLineDetail ?? {};
		const amount = d.PercentBased
			? money((subtotal * toNumber(d.DiscountPercent, 'DiscountLineDetail.DiscountPercent')) / 100)
			: money(toNumber(discount.Amount, 'Line.Amount'));
		const share = subtotal > 0 ? taxable / subtotal : 0;
		taxable = money(taxable - amount * share);
		subtotal = money(subtotal - amount);
		numbered.push({ Amount: amount, DetailType: 'DiscountLineDetail', DiscountLineDetail: d });
	}
	return { lines: numbered, subtotal: money(subtotal), taxable: money(taxable) };
}

export interface LinkSpec {
	/** Per document type the lines point at (Invoice, CreditMemo, Bill): the balance it lowers and the LinkedTxn type it gets. */
	targets: Record<string, { balanceField: string; linkType: string }>;
}

/** Amount of `holder` applied to each target, keyed "Type:Id". */
export function applications(holder: Entity | undefined): Map<string, number> {
	const result = new Map<string, number>();
	for (const line of holder?.Line ?? []) {
		for (const link of line.LinkedTxn ?? []) {
			const key = `${link.TxnType}:${link.TxnId}`;
			result.set(key, money((result.get(key) ?? 0) + toNumber(line.Amount, 'Line.Amount')));
		}
	}
	return result;
}

/** Moves balances from `previous` applications to `current` ones and touches every document that changed. */
export function relink(
	ctx: WriteContext,
	holder: Entity | undefined,
	previous: Entity | undefined,
	spec: LinkSpec,
): void {
	const realm: Realm = ctx.realm;
	const before = applications(previous);
	const after = applications(holder);
	const keys = new Set([...before.keys(), ...after.keys()]);
	for (const key of keys) {
		const delta = money((after.get(key) ?? 0) - (before.get(key) ?? 0));
		const [type, id] = key.split(':');
		const target = realm.get(type, id);
		const how = spec.targets[type];
		if (!target || !how) continue;
		const updated = structuredClone(target);
		updated[how.balanceField] = money(updated[how.balanceField] - delta);
		if (how.balanceField === 'RemainingCredit') updated.Balance = updated.RemainingCredit;
		const holderId = (holder ?? previous)!.Id;
		const others = (updated.LinkedTxn ?? []).filter(
			(l: Entity) => !(l.TxnId === holderId && l.TxnType === how.linkType),
		);
		updated.LinkedTxn = after.has(key)
			? [...others, { TxnId: holderId, TxnType: how.linkType }]
			: others;
		if (updated.LinkedTxn.length === 0) delete updated.LinkedTxn;
		if (delta !== 0 || before.has(key) !== after.has(key)) realm.touch(type, updated);
	}
}

/**
 * A transaction is in its customer's or vendor's currency (one currency per name, §10.1); with
 * multicurrency off only the home currency exists. The exact fault texts are not confirmed; the
 * rules are. A foreign transaction without ExchangeRate takes 1 here (QBO would look one up).
 */
export function transactionCurrency(
	ctx: WriteContext,
	entity: Entity,
	party: Entity | undefined,
): void {
	const home = String(
		(ctx.realm.preference('CurrencyPrefs.HomeCurrency') as Entity | undefined)?.value ?? 'USD',
	);
	const multicurrency = ctx.realm.preference('CurrencyPrefs.MultiCurrencyEnabled') === true;
	const partyCurrency = String(party?.CurrencyRef?.value ?? home);
	const given = entity.CurrencyRef?.value ? String(entity.CurrencyRef.value) : undefined;
	if (given && !multicurrency && given !== home)
		throw faults.business(
			`${given} is not the home currency ${home}, and multicurrency is off.`,
			'CurrencyRef',
		);
	if (given && given !== partyCurrency)
		throw faults.business(
			`The transaction is in ${given}, but ${party?.DisplayName ?? 'its name'} uses ${partyCurrency}; a transaction is in its customer's or vendor's currency.`,
			'CurrencyRef',
		);
	const value = given ?? partyCurrency;
	entity.CurrencyRef = {
		value,
		name:
			party?.CurrencyRef?.value === value && party.CurrencyRef.name
				? party.CurrencyRef.name
				: value === 'USD'
					? 'United States Dollar'
					: value,
	};
	const rate =
		entity.ExchangeRate === undefined ? 1 : toNumber(entity.ExchangeRate, 'ExchangeRate');
	if (!(rate > 0)) throw faults.business('ExchangeRate must be more than 0.', 'ExchangeRate');
	entity.ExchangeRate = entity.CurrencyRef.value === home ? 1 : rate;
}
