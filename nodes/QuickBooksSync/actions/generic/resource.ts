/** Assembles a resource from its create (and optional upsert) operation and the generic ones QBO allows for it. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	genericDescriptions,
	genericOperations,
	type EntityConfig,
	type Operation,
} from './operations';

/** "a customer", "an item", "an expense": the article n8n's action names need. */
const a = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;

const LABELS: Record<string, (label: string) => INodePropertyOptions> = {
	create: (l) => ({
		name: 'Create',
		value: 'create',
		description: `Create ${a(l)}`,
		action: `Create ${a(l)}`,
	}),
	upsert: (l) => ({
		name: 'Create or Update',
		value: 'upsert',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		action: `Create or update ${a(l)}`,
	}),
	deactivate: (l) => ({
		name: 'Deactivate',
		value: 'deactivate',
		description: `Make ${a(l)} inactive (QuickBooks’ delete for lists)`,
		action: `Deactivate ${a(l)}`,
	}),
	delete: (l) => ({
		name: 'Delete',
		value: 'delete',
		description: `Delete ${a(l)}`,
		action: `Delete ${a(l)}`,
	}),
	get: (l) => ({
		name: 'Get',
		value: 'get',
		description: `Get ${a(l)} by ID`,
		action: `Get ${a(l)}`,
	}),
	getAll: (l) => ({
		name: 'Get Many',
		value: 'getAll',
		description: `List ${l.toLowerCase()}s with filters`,
		action: `Get many ${l.toLowerCase()}s`,
	}),
	reactivate: (l) => ({
		name: 'Reactivate',
		value: 'reactivate',
		description: `Make an inactive ${l.toLowerCase()} active again`,
		action: `Reactivate ${a(l)}`,
	}),
	update: (l) => ({
		name: 'Update',
		value: 'update',
		description: 'Change only the fields given',
		action: `Update ${a(l)}`,
	}),
	void: (l) => ({
		name: 'Void',
		value: 'void',
		description: 'Void it: it stays with zero amounts',
		action: `Void ${a(l)}`,
	}),
};

export function resourceModule(
	config: EntityConfig,
	own: Record<string, Operation & { description: INodeProperties[] }>,
	generic: string[],
) {
	const all = genericOperations(config);
	const operations: Record<string, Operation> = {
		...Object.fromEntries(generic.map((op) => [op, all[op]])),
		...own,
	};
	const names = Object.keys(operations).sort((a, b) =>
		LABELS[a](config.label).name.localeCompare(LABELS[b](config.label).name),
	);
	const description: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [config.resource] } },
			options: names.map((op) => LABELS[op](config.label)),
			default: 'get',
		},
		...Object.values(own).flatMap((op) => op.description),
		...genericDescriptions(config, [...generic, ...Object.keys(own)]),
	];
	return { operations, description };
}
