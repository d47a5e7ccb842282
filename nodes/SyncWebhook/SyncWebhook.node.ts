import {
	NodeConnectionTypes,
	NodeOperationError,
	type IHookFunctions,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { checkSyncWebhookAuth } from '../shared/webhooks/credential-checks';
import { syncWebhookProperties } from './description';
import { handleSyncRequest } from './request';

export class SyncWebhook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Webhook',
		name: 'syncWebhook',
		icon: {
			light: 'file:../shared/icons/syncWebhook.svg',
			dark: 'file:../shared/icons/syncWebhook.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["bodyShape"] === "syncCommand" ? "Sync now" : $parameter["bodyShape"] === "change" ? "App changes" : "Any JSON"}}',
		description:
			'Starts a sync when another tool calls this URL: signed or authenticated, validated, each event ID once, answered 202 at once',
		defaults: { name: 'Sync Webhook' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'syncWebhookAuthApi', required: true, testedBy: 'syncWebhookAuth' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'sync',
				responseMode: 'onReceived',
				responseData: '',
			},
		],
		properties: syncWebhookProperties,
	};

	methods = {
		credentialTest: {
			async syncWebhookAuth(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return checkSyncWebhookAuth(credential.data ?? {});
			},
		},
	};

	webhookMethods = {
		default: {
			// The calling tool is configured by its admin with this URL; there is nothing to register.
			// Activation checks that the credential holds what the chosen authentication needs.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials('syncWebhookAuthApi');
				const check = checkSyncWebhookAuth(credentials);
				const method = this.getNodeParameter('authentication', 'hmac') as string;
				const missing =
					method === 'basicAuth'
						? !credentials.user || !credentials.password
						: String(credentials.secret ?? '').length < 16;
				if (check.status === 'Error' || missing) {
					throw new NodeOperationError(
						this.getNode(),
						method === 'basicAuth'
							? 'Basic auth needs a user and a password in the Sync Webhook Auth credential.'
							: `${check.status === 'Error' ? check.message : 'The Sync Webhook Auth credential needs a secret of at least 16 characters for this authentication.'}`,
					);
				}
				this.logger.info(
					`Sync Webhook "${this.getNode().name}": give the calling tool ${this.getNodeWebhookUrl('default')}.`,
				);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleSyncRequest(this);
	}
}
