/** The state store as an engine operation reaches it: opened before any read or write, errors said plainly. */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { stateStoreFor } from '../../shared/state/select';
import { StateStoreError, type SyncStateStore } from '../../shared/state/store';

/** The sync state's clock: when issues were seen and are due. Tests move it (with the QuickBooks emulator's). */
export const stateClock = { now: (): Date => new Date() };

export interface StateContext {
	store: SyncStateStore;
	workflow: { id: string; name: string };
}

export function openState(context: IExecuteFunctions): StateContext {
	const workflow = context.getWorkflow();
	try {
		// The store is set per n8n process, like n8n's own DB_* settings.
		return {
			store: stateStoreFor(process.env),
			workflow: { id: String(workflow.id ?? 'unsaved'), name: workflow.name ?? '' },
		};
	} catch (error) {
		throw stateFailure(context, error);
	}
}

/** A store that cannot be used stops the run before anything is written, saying which setting to fix. */
export function stateFailure(context: IExecuteFunctions, error: unknown): Error {
	if (error instanceof StateStoreError)
		return new NodeOperationError(context.getNode(), error.message, {
			description: `${error.fix} Nothing was written.`,
		});
	return error as Error;
}

export async function withState<T>(
	context: IExecuteFunctions,
	work: (state: StateContext) => Promise<T>,
): Promise<T> {
	const state = openState(context);
	return await work(state).catch((error: unknown) => {
		throw stateFailure(context, error);
	});
}
