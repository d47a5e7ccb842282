import type { EntityConfig } from '../generic/operations';

export const itemConfig: EntityConfig = {
	resource: 'item',
	entity: 'Item',
	label: 'Item',
	nameList: true,
	searchMethod: 'searchItems',
	filters: [
		{
			name: 'name',
			displayName: 'Name',
			field: 'Name',
			operator: '=',
			description: 'Exact name, or use % as a wildcard',
		},
		{ name: 'sku', displayName: 'SKU', field: 'Sku', operator: '=' },
		{
			name: 'type',
			displayName: 'Type',
			field: 'Type',
			operator: '=',
			description: 'Inventory, NonInventory, Service or Category',
		},
	],
	simplify: (i) => ({
		id: i.Id,
		syncToken: i.SyncToken,
		name: i.Name,
		fullyQualifiedName: i.FullyQualifiedName,
		type: i.Type,
		sku: i.Sku ?? null,
		unitPrice: i.UnitPrice ?? null,
		purchaseCost: i.PurchaseCost ?? null,
		qtyOnHand: i.QtyOnHand ?? null,
		taxable: i.Taxable ?? null,
		active: i.Active,
		lastUpdated: i.MetaData?.LastUpdatedTime ?? null,
	}),
};
