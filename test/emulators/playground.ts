/**
 * `npm start`'s two emulators in one process, with seed data that agree the way a company's data do
 * after it has used the sync for a while: the app's customers that have money documents are linked
 * to their QuickBooks customers (the ones QuickBooks lacked made there), the app's items to the
 * QuickBooks items of the same SKU or name, and the invoices the app shows as posted exist in
 * QuickBooks with the same lines. On top, what some templates need to have work on a first run: a
 * store-credit item, a credit memo on each side. Everything else stays as the two seeds made it, so
 * every template still has real work, and the seeds' deliberate problems (a name ending with a
 * space, two customers sharing a billing e-mail, a payable naming an unlinked project) stay as the
 * demonstrations the templates' notes name.
 *
 * `tsx test/emulators/playground.ts --qbo-port 9400 --field-app-port 9500`
 */
import type { Entity } from './qbo/entities/types';
import type { Realm } from './qbo/realm';
import { startFieldApp } from './field-app';
import type { FieldApp } from './field-app/domain';
import type { AppRecord } from './field-app/store';
import { DEFAULT_CLIENT, startQboEmulator } from './qbo';

const ref = (value: string) => ({ value });

export function makeConsistent(realm: Realm, app: FieldApp): void {
	realm.silent = true;
	try {
		const qboCustomer = (name: string) =>
			realm.all('Customer').find((c) => c.DisplayName === name) ??
			realm.create('Customer', { DisplayName: name, CompanyName: name });
		const link = (
			resource: Parameters<FieldApp['setSync']>[0],
			record: AppRecord,
			qbo: Entity,
			extra: Record<string, unknown> = {},
		) => app.setSync(resource, record.id, { qboId: qbo.Id, qboSyncToken: qbo.SyncToken, ...extra });
		const byName = (resource: Parameters<FieldApp['create']>[0], name: string) =>
			app.store.all(resource).find((r) => String(r.name).trim() === name)!;

		// Customers that invoices, payments and credits name.
		const customers = [
			'Cool Cars',
			'Freeman Sporting Goods',
			'Kate Whelan',
			'Maple Street HOA',
			'Harbor Dental Group',
		];
		for (const name of customers) link('customers', byName('customers', name), qboCustomer(name));
		const freemanQbo = qboCustomer('Freeman Sporting Goods');
		const harborBlvd = app.store.all('locations').find((l) => l.name === '12 Harbor Blvd')!;
		link(
			'locations',
			harborBlvd,
			realm.create('Customer', {
				DisplayName: '12 Harbor Blvd',
				Job: true,
				BillWithParent: true,
				ParentRef: ref(freemanQbo.Id),
			}),
		);

		// Items: QuickBooks' item of the same SKU, else of the same name.
		const qboItems = realm.all('Item');
		const itemLinks = new Map<string, Entity>();
		for (const item of app.store.all('items')) {
			const match =
				(item.sku && qboItems.find((q) => q.Sku === item.sku)) ||
				qboItems.find((q) => q.Name === String(item.name).trim() && q.Type !== 'Category');
			if (match && item.active !== false)
				(link('items', item, match), itemLinks.set(item.id, match));
		}

		// Services QuickBooks' own invoices name, which the app has too (as after an items sync): its history can come over.
		for (const name of ['Installation', 'Pest Control', 'Trimming', 'Maintenance & Repair']) {
			const q = qboItems.find((i) => i.Name === name)!;
			const income = realm.all('Account').find((a) => a.Id === q.IncomeAccountRef?.value)?.Name;
			const item = app.create('items', {
				name,
				type: 'service',
				taxable: q.Taxable === true,
				price: Number(q.UnitPrice ?? 0),
				accounts: { income, expense: 'Job Expenses' },
			});
			link('items', item, q);
		}

		// The invoices the app shows as posted to QuickBooks, made there with the same lines.
		const customerLink = (id: string) => String(app.store.require('customers', id).qboId);
		for (const invoice of app.store.all('invoices').filter((i) => i.qboId)) {
			const lines = (
				invoice.lines as Array<{ itemId: string; quantity: number; rate: number }>
			).map((l) => ({
				DetailType: 'SalesItemLineDetail',
				Amount: l.quantity * l.rate,
				SalesItemLineDetail: {
					ItemRef: ref(itemLinks.get(l.itemId)!.Id),
					Qty: l.quantity,
					UnitPrice: l.rate,
				},
			}));
			const posted = realm.create('Invoice', {
				CustomerRef: ref(customerLink(String(invoice.customerId))),
				TxnDate: invoice.date,
				Line: lines,
				PrivateNote: `Posted from the field app (${String(invoice.id)})`,
			});
			link('invoices', invoice, posted, { qboDocNumber: posted.DocNumber });
		}

		// Store credit taken in the app becomes a QuickBooks credit memo on this item (the payments template's default).
		const account = (name: string) => ref(realm.all('Account').find((a) => a.Name === name)!.Id);
		realm.create('Item', {
			Name: 'Store credit',
			Type: 'Service',
			Taxable: false,
			IncomeAccountRef: account('Services'),
			ExpenseAccountRef: account('Job Expenses'),
		});

		// A credit memo on each side for the credits template: one made in the app, one in QuickBooks.
		const today = new Date().toISOString().slice(0, 10);
		const design = byName('items', 'Design');
		app.create('credit-memos', {
			customerId: byName('customers', 'Cool Cars').id,
			date: today,
			memo: 'Goodwill credit for a late visit',
			lines: [{ itemId: design.id, description: 'Design hour refunded', quantity: 1, rate: 75 }],
		});
		realm.create('CreditMemo', {
			CustomerRef: ref(freemanQbo.Id),
			TxnDate: today,
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 75,
					SalesItemLineDetail: {
						ItemRef: ref(itemLinks.get(design.id)!.Id),
						Qty: 1,
						UnitPrice: 75,
					},
				},
			],
			PrivateNote: 'Returned design deposit',
		});
	} finally {
		realm.silent = false;
	}
}

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const qbo = await startQboEmulator({ port: Number(arg('qbo-port') ?? 9400), host: '127.0.0.1' });
	const fieldApp = await startFieldApp({
		port: Number(arg('field-app-port') ?? 9500),
		host: '127.0.0.1',
	});
	makeConsistent(qbo.admin.realm(qbo.realmIds[0]), fieldApp.state.app);
	console.log(
		[
			`QuickBooks Online emulator listening on ${qbo.url}`,
			`  Realm ids:       ${qbo.realmIds.join(', ')}`,
			`  OAuth client id: ${DEFAULT_CLIENT.clientId}`,
			`  OAuth secret:    ${DEFAULT_CLIENT.clientSecret}`,
			`Field-service app emulator listening on ${fieldApp.url}`,
			`  API key: ${fieldApp.apiKey}  (header X-Api-Key)`,
		].join('\n'),
	);
	const stop = () => void Promise.all([qbo.stop(), fieldApp.stop()]).then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.stack : error);
		process.exit(1);
	});
}
