import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { getQboConnection, transportTiming } from '../shared/qbo/transport';
import { initialCursor } from '../shared/webhooks/catch-up';
import { checkVerifierToken } from '../shared/webhooks/credential-checks';
import { loadState, saveState } from '../shared/webhooks/trigger-state';
import { stateKey } from '../shared/webhooks/webhook-request';
import { assertNoGap, handleDelivery, readSettings } from './delivery';
import { triggerProperties } from './description';

export class QuickBooksSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync Trigger',
		name: 'quickBooksSyncTrigger',
		icon: {
			light: 'file:../shared/icons/quickBooksSync.svg',
			dark: 'file:../shared/icons/quickBooksSync.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Intuit webhooks: " + $parameter["entities"].join(", ")}}',
		// n8n's node search shows one entry for "QuickBooks Sync" and its trigger, with the trigger's description: it speaks for both.
		description:
			'Keep QuickBooks Online in sync with your operations app: this trigger starts a workflow on QuickBooks webhooks (legacy or CloudEvents), verified with your verifier token',
		defaults: { name: 'QuickBooks Sync Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'quickBooksSyncWebhookApi', required: true, testedBy: 'verifierToken' },
			{ name: 'quickBooksSyncOAuth2Api', required: true },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'intuit',
				responseMode: 'onReceived',
				// The node answers itself (200 at once, 401 on a bad signature); without this n8n would
				// answer the literal text "firstEntryJson" (measured on n8n 2.41.1).
				responseData: '',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			async verifierToken(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return checkVerifierToken(credential.data?.verifierToken);
			},
		},
	};

	webhookMethods = {
		default: {
			// Intuit has no API to create subscriptions: they live in the developer portal. Activation
			// checks the settings, starts the catch-up position and says what to set up there.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const node = this.getNode();
				let settings;
				try {
					settings = readSettings(this as unknown as IWebhookFunctions);
				} catch (error) {
					throw new NodeOperationError(node, error as Error);
				}
				const { realmId } = await getQboConnection.call(this);
				const credentials = await this.getCredentials('quickBooksSyncWebhookApi');
				if (!String(credentials.verifierToken ?? '').trim()) {
					throw new NodeOperationError(
						node,
						'The QuickBooks Sync Webhook credential has no verifier token. Copy it from the Intuit Developer portal (your app → Webhooks).',
					);
				}
				const key = stateKey(this as unknown as IWebhookFunctions);
				const staticData = this.getWorkflowStaticData('node');
				const state = loadState(key, staticData.state);
				try {
					assertNoGap(state, settings, transportTiming.now());
				} catch (error) {
					throw new NodeOperationError(node, error as Error);
				}
				if (settings.catchUp && !state.cursors[realmId]) {
					state.cursors[realmId] = initialCursor(transportTiming.now());
					staticData.state = saveState(key, state) as unknown as IDataObject;
				}
				this.logger.info(
					`QuickBooks Sync Trigger "${node.name}": Intuit sends webhooks to the endpoint set in the Intuit Developer portal (your app → Webhooks). Set it to ${this.getNodeWebhookUrl('default')} and tick ${settings.filter.entities.join(', ')}.`,
				);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Nothing to remove on Intuit's side; the portal subscription stays until deleted there.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this);
	}
}
