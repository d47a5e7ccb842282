import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The verifier token of an Intuit app: Intuit signs every webhook delivery with it
 * (`intuit-signature`, base64 HMAC-SHA256 of the raw body). It is per app, shown in the Intuit
 * Developer portal under the app's Webhooks page, and differs between Development and Production.
 */
export class QuickBooksSyncWebhookApi implements ICredentialType {
	name = 'quickBooksSyncWebhookApi';

	displayName = 'QuickBooks Sync Webhook API';

	icon: Icon = {
		light: 'file:../nodes/shared/icons/quickBooksSync.svg',
		dark: 'file:../nodes/shared/icons/quickBooksSync.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-quickbooks-sync/n8n-nodes-quickbooks-sync#quickbooks-webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Verifier Token',
			name: 'verifierToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Intuit Developer portal → your app → Webhooks → "Show verifier token" (Development and Production keys have different tokens)',
		},
	];
}
