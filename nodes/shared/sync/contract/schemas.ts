/**
 * Record shapes of the field-service app (docs/app-contract.md), validated with zod. Create
 * bodies are full; PATCH bodies are partial and carry `version` (optimistic concurrency).
 */
import { z } from 'zod';

const money = z
	.number()
	.finite()
	.refine(
		(n) => Math.round(n * 100) === Math.round(n * 100 * 1e6) / 1e6,
		'must have at most 2 decimals',
	);
const id = z.string().min(1);
// Names are kept exactly as typed (a trailing space included): that is what real apps send to QuickBooks.
const name = z
	.string()
	.max(500)
	.refine((v) => v.trim().length > 0, 'must not be blank');
const email = z.string().email().max(100);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
// ISO 4217; absent: the company's home currency. A foreign amount carries the home units per 1 foreign unit.
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
const exchangeRate = z.number().finite().positive();
const address = z
	.object({
		line1: z.string().max(500).optional(),
		line2: z.string().max(500).optional(),
		city: z.string().max(255).optional(),
		region: z.string().max(255).optional(),
		postalCode: z.string().max(30).optional(),
		country: z.string().max(255).optional(),
	})
	.strict();

/** What invoices, credit memos and refunds share: the customer (and location), number and date… */
const salesHeader = {
	customerId: id,
	locationId: id.nullable().optional(),
	number: z.string().trim().min(1).max(21).optional(),
	date,
};
/** …and the lines, memo and currency. */
const salesLines = {
	lines: z
		.array(
			z
				.object({
					itemId: id,
					description: z.string().max(4000).optional(),
					quantity: z.number().finite(),
					rate: money,
				})
				.strict(),
		)
		.min(1),
	memo: z.string().max(1000).optional(),
	currency: currency.optional(),
	exchangeRate: exchangeRate.optional(),
};

export const schemas = {
	customers: z
		.object({
			name,
			companyName: z.string().max(100).optional(),
			firstName: z.string().max(100).optional(),
			lastName: z.string().max(100).optional(),
			billingEmail: email.nullable().optional(),
			phone: z.string().max(30).optional(),
			billingAddress: address.optional(),
			taxRateId: id.nullable().optional(),
			termsId: id.nullable().optional(),
			notes: z.string().max(4000).optional(),
			currency: currency.optional(),
			active: z.boolean().default(true),
		})
		.strict(),
	locations: z
		.object({
			customerId: id,
			name,
			address: address.optional(),
			notes: z.string().max(4000).optional(),
			active: z.boolean().default(true),
		})
		.strict(),
	items: z
		.object({
			name,
			type: z.enum(['inventory', 'non_inventory', 'service', 'equipment']),
			sku: z.string().trim().min(1).max(100).nullable().optional(),
			description: z.string().max(4000).optional(),
			taxable: z.boolean().default(true),
			price: money.default(0),
			cost: money.default(0),
			quantityOnHand: z.number().finite().optional(),
			accounts: z
				.object({
					income: z.string().nullable().optional(),
					expense: z.string().nullable().optional(),
					asset: z.string().nullable().optional(),
				})
				.strict()
				.default({}),
			active: z.boolean().default(true),
		})
		.strict(),
	vendors: z
		.object({
			name,
			email: email.nullable().optional(),
			phone: z.string().max(30).optional(),
			address: address.optional(),
			termsId: id.nullable().optional(),
			currency: currency.optional(),
			active: z.boolean().default(true),
		})
		.strict(),
	'tax-rates': z
		.object({
			name: z.string().trim().min(1).max(100),
			rate: z.number().min(0).max(100),
			active: z.boolean().default(true),
		})
		.strict(),
	terms: z
		.object({
			name: z.string().trim().min(1).max(31),
			dueDays: z.number().int().min(0).max(999),
			active: z.boolean().default(true),
		})
		.strict(),
	projects: z
		.object({
			name,
			number: z.string().max(50).optional(),
			customerId: id.nullable().optional(),
			active: z.boolean().default(true),
		})
		.strict(),
	'cost-codes': z
		.object({ code: z.string().trim().min(1).max(50), name, active: z.boolean().default(true) })
		.strict(),
	invoices: z
		.object({
			...salesHeader,
			dueDate: date.optional(),
			status: z.enum(['draft', 'approved', 'ready_for_sync']).default('draft'),
			...salesLines,
		})
		.strict(),
	// A credit the customer gets (a return, a goodwill discount); QuickBooks CreditMemo. Same lines as an invoice.
	'credit-memos': z
		.object({
			...salesHeader,
			...salesLines,
		})
		.strict(),
	// Money paid back to the customer for what the lines name; QuickBooks RefundReceipt.
	refunds: z
		.object({
			...salesHeader,
			method: z.enum(['cash', 'check', 'card', 'ach']),
			reference: z.string().max(21).optional(),
			...salesLines,
		})
		.strict(),
	payments: z
		.object({
			customerId: id,
			date,
			amount: money.refine((n) => n > 0, 'must be more than 0'),
			method: z.enum(['cash', 'check', 'card', 'ach', 'store_credit']),
			reference: z.string().max(21).optional(),
			applications: z
				.array(
					z
						.object({ invoiceId: id, amount: money.refine((n) => n > 0, 'must be more than 0') })
						.strict(),
				)
				.default([]),
			currency: currency.optional(),
			exchangeRate: exchangeRate.optional(),
		})
		.strict(),
	'purchase-orders': z
		.object({
			vendorId: id,
			number: z.string().trim().min(1).max(21).optional(),
			date,
			lines: z
				.array(
					z
						.object({
							itemId: id,
							description: z.string().max(4000).optional(),
							quantity: z.number().positive(),
							unitCost: money,
						})
						.strict(),
				)
				.min(1),
			memo: z.string().max(4000).optional(),
			currency: currency.optional(),
			exchangeRate: exchangeRate.optional(),
		})
		.strict(),
	payables: z
		.object({
			vendorId: id,
			type: z.enum(['bill', 'expense']),
			number: z.string().max(21).optional(),
			date,
			dueDate: date.optional(),
			purchaseAccount: z.string().min(1).nullable().optional(),
			lines: z
				.array(
					z
						.object({
							description: z.string().max(4000).optional(),
							amount: money,
							account: z.string().min(1).optional(),
							projectId: id.nullable().optional(),
							costCodeId: id.nullable().optional(),
						})
						.strict(),
				)
				.min(1),
			currency: currency.optional(),
			exchangeRate: exchangeRate.optional(),
		})
		.strict(),
	'sales-orders': z
		.object({
			customerId: id,
			number: z.string().trim().min(1).max(21).optional(),
			date,
			lines: z
				.array(
					z
						.object({
							itemId: id,
							description: z.string().max(4000).optional(),
							quantity: z.number().positive(),
							unitPrice: money,
						})
						.strict(),
				)
				.min(1),
			status: z.enum(['quote', 'open']).default('open'),
		})
		.strict(),
};

export type ResourceName = keyof typeof schemas;
export const RESOURCES = Object.keys(schemas) as ResourceName[];

/** The app's company settings (`GET /v1/company`): its home currency and the currencies its records use. */
export const companySchema = z
	.object({
		name: z.string().optional(),
		homeCurrency: currency,
		currencies: z.array(currency).min(1),
	})
	.passthrough();

/** Slots every record has for its QuickBooks link and sync bookkeeping; written through PUT /{resource}/{id}/sync. */
export const syncSlotsSchema = z
	.object({
		qboId: z.string().min(1).nullable().optional(),
		qboSyncToken: z.string().nullable().optional(),
		qboDocNumber: z.string().max(21).nullable().optional(),
		fingerprint: z.string().max(200).nullable().optional(),
		syncedAt: z.string().datetime().nullable().optional(),
		syncError: z.string().max(2000).nullable().optional(),
	})
	.strict();

export const transitionSchema = z
	.object({ version: z.number().int().positive(), status: z.string() })
	.strict();
export const receiptSchema = z
	.object({
		date,
		lines: z.array(z.object({ lineId: id, quantity: z.number().positive() }).strict()).min(1),
	})
	.strict();
export const orderPaymentSchema = z
	.object({
		date,
		amount: money.refine((n) => n > 0, 'must be more than 0'),
		method: z.enum(['cash', 'check', 'card', 'ach']),
	})
	.strict();

/** Fields every stored record has (app contract §2). */
export const systemFieldsSchema = z.object({
	id,
	version: z.number().int().positive(),
	createdAt: z.string().datetime({ offset: true }).optional(),
	updatedAt: z.string().datetime({ offset: true }),
	deletedAt: z.string().datetime({ offset: true }).nullable().optional(),
});

/** The same checks with unknown keys allowed at every level: stored records add derived fields (totals, line amounts, balances). */
function loosen(schema: z.ZodTypeAny): z.ZodTypeAny {
	if (schema instanceof z.ZodObject) {
		const shape = Object.fromEntries(
			Object.entries(schema.shape as z.ZodRawShape).map(([key, value]) => [key, loosen(value)]),
		);
		return z.object(shape).passthrough();
	}
	if (schema instanceof z.ZodArray) return z.array(loosen(schema.element));
	if (schema instanceof z.ZodOptional) return loosen(schema.unwrap()).optional();
	if (schema instanceof z.ZodNullable) return loosen(schema.unwrap()).nullable();
	if (schema instanceof z.ZodDefault) return loosen(schema.removeDefault()).optional();
	return schema;
}

/**
 * A stored record as the app sends it in webhooks and listings: the system fields, and the
 * resource's own fields with their types and limits; `status` is left to the app (a stored
 * invoice can be unpaid or paid, which no create body may say).
 */
export function recordSchema(resource: ResourceName): z.ZodTypeAny {
	const own = loosen(schemas[resource]) as z.AnyZodObject;
	return systemFieldsSchema.merge(own.omit({ status: true } as never)).passthrough();
}
