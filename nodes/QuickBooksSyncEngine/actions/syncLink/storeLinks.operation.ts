import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { getQboConnection } from '../../../shared/qbo/transport';
import { LinkWriteError, linkWriteOf, type LinkWrite } from '../../../shared/state/links';
import type { EngineOutputs } from '../common';
import { withState } from '../sync-state';

/**
 * Keeps in n8n the links an app cannot store: takes what the template would send to the app after
 * the engine — `PUT …/sync` items of App Writes, and App Creates merged with the app's answer — and
 * stores their links in one step. Output 1 (Stored): one item per stored link; output 2 (For the
 * App): every other item (status transitions, updates, creates), for the app's HTTP node.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	// Every item is checked before anything is stored: a bad one stores none.
	const writes = items.map((item, index) => {
		try {
			return linkWriteOf(item.json);
		} catch (error) {
			const fix =
				error instanceof LinkWriteError
					? error.fix
					: "Connect the engine's App Writes (or App Creates merged with the app's answer) to Store Links unchanged.";
			throw new NodeOperationError(this.getNode(), error as Error, {
				description: `${fix} Nothing was stored.`,
				itemIndex: index,
			});
		}
	});
	const linkWrites = writes.filter((w): w is LinkWrite => w !== undefined);
	const stored: INodeExecutionData[] = [];
	if (linkWrites.length) {
		const { realmId } = await getQboConnection.call(this);
		const links = await withState(
			this,
			async ({ store }) => await store.putLinks(realmId, linkWrites),
		);
		let next = 0;
		writes.forEach((write, index) => {
			if (!write) return;
			const link = links[next++];
			stored.push({
				json: {
					stored: true,
					resource: link.resource,
					appId: link.appId,
					qboId: link.qboId,
					fingerprint: link.fingerprint,
					syncError: link.syncError,
				},
				pairedItem: { item: index },
			});
		});
	}
	const forTheApp = items.flatMap((item, index) =>
		writes[index] ? [] : [{ json: item.json, pairedItem: { item: index } }],
	);
	return [stored, forTheApp];
}
