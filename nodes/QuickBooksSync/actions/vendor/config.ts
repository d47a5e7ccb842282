import type { EntityConfig } from '../generic/operations';

export const vendorConfig: EntityConfig = {
	resource: 'vendor',
	entity: 'Vendor',
	label: 'Vendor',
	nameList: true,
	searchMethod: 'searchVendors',
	filters: [
		{
			name: 'displayName',
			displayName: 'Display Name',
			field: 'DisplayName',
			operator: '=',
			description: 'Exact name, or use % as a wildcard',
		},
		{ name: 'email', displayName: 'Email', field: 'PrimaryEmailAddr', operator: '=' },
	],
	simplify: (v) => ({
		id: v.Id,
		syncToken: v.SyncToken,
		displayName: v.DisplayName,
		companyName: v.CompanyName ?? null,
		email: v.PrimaryEmailAddr?.Address ?? null,
		active: v.Active,
		balance: v.Balance,
		lastUpdated: v.MetaData?.LastUpdatedTime ?? null,
	}),
};
