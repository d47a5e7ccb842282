/** What every upsert shares: finding the one record it updates, or none, so it creates. */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { QboJson } from '../../../shared/qbo/caller';
import { queryAll } from '../../../shared/qbo/paging';
import type { QueryCondition } from '../../../shared/qbo/query';
import { asNodeError, qboCaller } from '../../../shared/qbo/transport';

/**
 * The record an upsert updates: the one matching `condition` (inactive ones too when the entity
 * has them: QuickBooks leaves them out of a plain query, and creating beside one fails on its
 * name); undefined when there is none. Two matches stop the item with the IDs and `fix`.
 */
export async function findForUpsert(
	context: IExecuteFunctions,
	itemIndex: number,
	options: {
		entity: string;
		label: string;
		condition: QueryCondition;
		inactiveToo: boolean;
		fix: string;
	},
): Promise<QboJson | undefined> {
	const { entity, label, condition, inactiveToo, fix } = options;
	let matches: QboJson[];
	try {
		matches = await queryAll(
			qboCaller(context, itemIndex),
			{
				entity,
				where: [
					condition,
					...(inactiveToo
						? [{ field: 'Active', operator: 'IN', value: [true, false] } as QueryCondition]
						: []),
				],
			},
			{ limit: 2 },
		);
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
	if (matches.length > 1)
		throw new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex}: more than one QuickBooks ${label} matches ${condition.field} = "${String(condition.value)}" (IDs ${matches.map((m) => m.Id).join(', ')}, …). ${fix}`,
			{ itemIndex },
		);
	return matches[0];
}
