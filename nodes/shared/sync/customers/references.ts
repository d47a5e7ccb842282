/**
 * Terms and tax codes travel between the systems by name (app contract §5): the lookups that turn
 * each system's ids into names and back, for customers in every direction.
 */
import type { QboCall } from '../../qbo/caller';
import { queryAll, withInactive } from '../../qbo/paging';
import type { IdLookups, NameLookups } from './mapping';

export interface NamedRef {
	id: string;
	name: string;
}

/** Names by id and ids by name of a list of references (terms, tax rates). */
export const lookup = (refs: NamedRef[]) => ({
	name: (id: string) => refs.find((r) => r.id === id)?.name,
	id: (name: string) => refs.find((r) => r.name === name)?.id,
});

export interface CustomerReferences {
	qboNames: NameLookups;
	appNames: NameLookups;
	qboIds: IdLookups;
	appIds: IdLookups;
}

/**
 * Reads QuickBooks' terms and tax codes. Terms and tax are compared only when the app's lists are
 * given, and only by the names both systems have (a push without them leaves QuickBooks' terms as
 * they are); a pull reads QuickBooks' terms anyway, for the default terms.
 */
/** The app's own term and tax-rate names (no QuickBooks read): what an app record's fields are made of. */
export function appReferenceNames(app: {
	appTerms: NamedRef[];
	appTaxRates: NamedRef[];
}): CustomerReferences['appNames'] {
	return { termName: lookup(app.appTerms).name, taxCodeName: lookup(app.appTaxRates).name };
}

export async function readCustomerReferences(
	call: QboCall,
	app: { appTerms: NamedRef[]; appTaxRates: NamedRef[] },
	options: { alwaysTerms?: boolean } = {},
): Promise<CustomerReferences> {
	const withTerms = options.alwaysTerms || app.appTerms.length > 0;
	const withTax = app.appTaxRates.length > 0;
	const [qboTerms, qboTaxCodes] = await Promise.all([
		withTerms
			? queryAll(call, { entity: 'Term', where: withInactive('Term') })
			: Promise.resolve([]),
		withTax ? queryAll(call, { entity: 'TaxCode' }) : Promise.resolve([]),
	]);
	const appTerms = lookup(app.appTerms);
	const appTax = lookup(app.appTaxRates);
	const qTerms = lookup(qboTerms.map((t) => ({ id: String(t.Id), name: String(t.Name) })));
	const qTax = lookup(qboTaxCodes.map((t) => ({ id: String(t.Id), name: String(t.Name) })));
	// A name only QuickBooks has cannot travel to the app: it does not count as a difference either
	// (otherwise a two-way sync would write it back and forth for ever).
	const known = (name: string | undefined, inApp: (n: string) => string | undefined) =>
		name !== undefined && inApp(name) !== undefined ? name : undefined;
	return {
		qboNames: {
			termName: (id) => (withTerms ? known(qTerms.name(id), appTerms.id) : undefined),
			taxCodeName: (id) => (withTax ? known(qTax.name(id), appTax.id) : undefined),
		},
		appNames: appReferenceNames(app),
		qboIds: { termId: qTerms.id, taxCodeId: qTax.id },
		appIds: { termId: appTerms.id, taxCodeId: appTax.id },
	};
}
