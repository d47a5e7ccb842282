/**
 * Operations that work the same for every QBO entity: get, get many (filters + raw WHERE), update
 * (sparse, from fields or raw JSON), delete and void of transactions, deactivate / reactivate of
 * name lists. Each resource picks the ones QBO allows for it.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QboJson } from '../../../shared/qbo/caller';
import { queryAllSql } from '../../../shared/qbo/paging';
import { buildQuery, type QueryCondition, type QueryOperator } from '../../../shared/qbo/query';
import { readSyncToken, sparseUpdate } from '../../../shared/qbo/sparse-update';
import { isoDate, isoDateTime, parseJsonObject } from '../../../shared/qbo/validate';
import { asNodeError, qboCaller, qboRequest } from '../../../shared/qbo/transport';
import { optionalText } from '../../../shared/node-parameters';
import { locatorField, locatorValue } from '../locator';

export type Operation = {
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
};

export interface FilterSpec {
	name: string;
	displayName: string;
	field: string;
	operator: QueryOperator;
	valueType?: 'string' | 'boolean' | 'dateTime' | 'number';
	description?: string;
	/** For on/off filters: the value compared when the filter is on (e.g. Balance > 0). */
	whenOn?: string | number | boolean;
}

export interface EntityConfig {
	resource: string;
	entity: string;
	label: string;
	nameList: boolean;
	filters: FilterSpec[];
	simplify: (record: QboJson) => IDataObject;
	/** A listSearch method: the ID field becomes a searchable resource locator. */
	searchMethod?: 'searchVendors' | 'searchItems';
}

const show = (config: EntityConfig, operations: string[]) => ({
	show: { resource: [config.resource], operation: operations },
});

export function idField(config: EntityConfig, operations: string[]): INodeProperties {
	if (config.searchMethod)
		return locatorField({
			displayName: config.label,
			name: 'recordId',
			searchMethod: config.searchMethod,
			show: { resource: [config.resource], operation: operations },
		});
	return {
		displayName: `${config.label} ID`,
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		description: `The QuickBooks ID of the ${config.label.toLowerCase()}`,
		displayOptions: show(config, operations),
	};
}

export function knownVersionField(config: EntityConfig, operations: string[]): INodeProperties {
	return {
		displayName: 'Known Sync Version',
		name: 'knownSyncVersion',
		type: 'string',
		default: '',
		description:
			'The SyncToken you last saw, to skip a read. If the record changed since, the change is re-applied to the newest version once.',
		displayOptions: show(config, operations),
	};
}

export function simplifyField(config: EntityConfig, operations: string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: 'Whether to return a flat record instead of the full QuickBooks object',
		displayOptions: show(config, operations),
	};
}

export function output(
	context: IExecuteFunctions,
	config: EntityConfig,
	record: QboJson,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const simplify = context.getNodeParameter('simplify', itemIndex, false) as boolean;
	return {
		json: { ...(simplify ? config.simplify(record) : (record as IDataObject)), ...extra },
		pairedItem: { item: itemIndex },
	};
}

export function genericDescriptions(config: EntityConfig, operations: string[]): INodeProperties[] {
	const has = (op: string) => operations.includes(op);
	const fields: INodeProperties[] = [];
	const withId = ['get', 'update', 'delete', 'void', 'deactivate', 'reactivate'].filter(has);
	if (withId.length > 0) fields.push(idField(config, withId));
	if (has('getAll')) {
		fields.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: show(config, ['getAll']),
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: {
					show: { resource: [config.resource], operation: ['getAll'], returnAll: [false] },
				},
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: show(config, ['getAll']),
				options: (
					[
						...config.filters.map(
							(f) =>
								({
									displayName: f.displayName,
									name: f.name,
									type: f.valueType ?? 'string',
									default: f.valueType === 'boolean' ? false : '',
									description: f.description,
								}) as INodeProperties,
						),
						...(config.nameList
							? [
									{
										displayName: 'Include Inactive',
										name: 'includeInactive',
										type: 'boolean',
										default: false,
										description:
											'Whether to include inactive records, which QuickBooks leaves out by default',
									} as INodeProperties,
								]
							: []),
						{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '' },
						{
							displayName: 'Where (Raw)',
							name: 'where',
							type: 'string',
							default: '',
							description:
								'Extra conditions in QuickBooks query syntax, joined with AND (QuickBooks has no OR)',
						},
					] as INodeProperties[]
				).sort((a, b) => a.displayName.localeCompare(b.displayName)),
			},
		);
	}
	if (has('update')) {
		fields.push({
			displayName: 'Changes (JSON)',
			name: 'changes',
			type: 'json',
			default: '{}',
			required: true,
			description: `Only the ${config.entity} fields to change, as QuickBooks names them (a sparse update)`,
			displayOptions: show(config, ['update']),
		});
	}
	const versioned = ['update', 'delete', 'void', 'deactivate', 'reactivate'].filter(has);
	if (versioned.length > 0) fields.push(knownVersionField(config, versioned));
	const simplified = [
		'get',
		'getAll',
		'update',
		'create',
		'upsert',
		'void',
		'deactivate',
		'reactivate',
	].filter(has);
	if (simplified.length > 0) fields.push(simplifyField(config, simplified));
	return fields;
}

export function genericOperations(config: EntityConfig): Record<string, Operation> {
	const path = config.entity.toLowerCase();
	const idOf = (context: IExecuteFunctions, itemIndex: number) =>
		locatorValue(context, 'recordId', itemIndex);
	const token = async (context: IExecuteFunctions, itemIndex: number) =>
		optionalText(context, 'knownSyncVersion', itemIndex) ??
		(await readSyncToken(qboCaller(context, itemIndex), config.entity, idOf(context, itemIndex)));
	const update = async (context: IExecuteFunctions, itemIndex: number, changes: QboJson) => {
		try {
			const syncToken = optionalText(context, 'knownSyncVersion', itemIndex);
			return await sparseUpdate(qboCaller(context, itemIndex), {
				entity: config.entity,
				id: idOf(context, itemIndex),
				changes,
				syncToken,
			});
		} catch (error) {
			throw asNodeError(context.getNode(), error, itemIndex);
		}
	};
	const post = async (
		context: IExecuteFunctions,
		itemIndex: number,
		qs: Record<string, string>,
	) => {
		let syncToken: string;
		try {
			syncToken = await token(context, itemIndex);
		} catch (error) {
			throw asNodeError(context.getNode(), error, itemIndex);
		}
		const { body } = await qboRequest.call(context, {
			method: 'POST',
			path,
			qs,
			body: {
				Id: idOf(context, itemIndex),
				SyncToken: syncToken,
				...(qs.include === 'void' ? { sparse: true } : {}),
			},
			itemIndex,
		});
		return body[config.entity] as QboJson;
	};
	return {
		get: {
			async execute(this: IExecuteFunctions, itemIndex: number) {
				const { body } = await qboRequest.call(this, {
					method: 'GET',
					path: `${path}/${encodeURIComponent(idOf(this, itemIndex))}`,
					itemIndex,
				});
				return [output(this, config, body[config.entity] as QboJson, itemIndex)];
			},
		},
		getAll: {
			async execute(this: IExecuteFunctions, itemIndex: number) {
				const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
				const limit = this.getNodeParameter('returnAll', itemIndex)
					? undefined
					: (this.getNodeParameter('limit', itemIndex) as number);
				try {
					const where: QueryCondition[] = [];
					for (const f of config.filters) {
						const value = filters[f.name];
						if (value === undefined || value === '' || value === false) continue;
						const text = String(value);
						where.push({
							field: f.field,
							operator: f.operator === '=' && text.includes('%') ? 'LIKE' : f.operator,
							value:
								f.whenOn ??
								(f.valueType === 'boolean'
									? true
									: f.valueType === 'number'
										? Number(value)
										: f.valueType === 'dateTime'
											? isoDate(f.displayName, text)!
											: text),
						});
					}
					if (filters.includeInactive)
						where.push({ field: 'Active', operator: 'IN', value: [true, false] });
					if (filters.updatedSince)
						where.push({
							field: 'MetaData.LastUpdatedTime',
							operator: '>=',
							value: isoDateTime('Updated Since', filters.updatedSince)!,
						});
					let sql = buildQuery({ entity: config.entity, where });
					if (filters.where)
						sql += `${where.length > 0 ? ' AND' : ' WHERE'} ${String(filters.where)}`;
					const { rows } = await queryAllSql(qboCaller(this, itemIndex), sql, { limit });
					return rows.map((row) => output(this, config, row, itemIndex));
				} catch (error) {
					throw asNodeError(this.getNode(), error, itemIndex);
				}
			},
		},
		update: {
			async execute(this: IExecuteFunctions, itemIndex: number) {
				let changes: QboJson;
				try {
					changes = parseJsonObject(
						'Changes (JSON)',
						this.getNodeParameter('changes', itemIndex, '{}'),
					) as QboJson;
				} catch (error) {
					throw new NodeOperationError(
						this.getNode(),
						`Item ${itemIndex}: ${(error as Error).message}`,
						{ itemIndex },
					);
				}
				if (Object.keys(changes).length === 0) {
					throw new NodeOperationError(
						this.getNode(),
						`Item ${itemIndex}: Changes (JSON) must be an object with at least one ${config.entity} field.`,
						{ itemIndex },
					);
				}
				return [output(this, config, await update(this, itemIndex, changes), itemIndex)];
			},
		},
		delete: {
			async execute(this: IExecuteFunctions, itemIndex: number) {
				return [
					{
						json: (await post(this, itemIndex, { operation: 'delete' })) as IDataObject,
						pairedItem: { item: itemIndex },
					},
				];
			},
		},
		void: {
			async execute(this: IExecuteFunctions, itemIndex: number) {
				return [
					output(
						this,
						config,
						await post(this, itemIndex, { operation: 'update', include: 'void' }),
						itemIndex,
					),
				];
			},
		},
		deactivate: {
			async execute(this: IExecuteFunctions, itemIndex: number) {
				return [output(this, config, await update(this, itemIndex, { Active: false }), itemIndex)];
			},
		},
		reactivate: {
			async execute(this: IExecuteFunctions, itemIndex: number) {
				return [output(this, config, await update(this, itemIndex, { Active: true }), itemIndex)];
			},
		},
	};
}

/** Writes a new record (with the item's idempotency key as requestid) and outputs it. */
export async function createRecord(
	context: IExecuteFunctions,
	config: EntityConfig,
	itemIndex: number,
	body: QboJson,
	extra: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const idempotencyKey = optionalText(context, 'idempotencyKey', itemIndex);
	const { body: answer } = await qboRequest.call(context, {
		method: 'POST',
		path: config.entity.toLowerCase(),
		body,
		idempotencyKey,
		itemIndex,
	});
	return [output(context, config, answer[config.entity] as QboJson, itemIndex, extra)];
}
