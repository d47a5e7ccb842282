import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * What another tool proves itself with when it calls a "Sync Webhook" trigger: a secret (for an
 * HMAC signature of the body or a shared-secret header) or a user and password (basic auth).
 * The trigger's Authentication setting says which fields are used.
 */
export class SyncWebhookAuthApi implements ICredentialType {
	name = 'syncWebhookAuthApi';

	displayName = 'Sync Webhook Auth API';

	icon: Icon = {
		light: 'file:../nodes/shared/icons/quickBooksSync.svg',
		dark: 'file:../nodes/shared/icons/quickBooksSync.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-quickbooks-sync/n8n-nodes-quickbooks-sync#sync-webhook';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For HMAC signatures and shared-secret headers: the same secret the sending tool signs with (at least 16 characters). Not used for basic auth.',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'For basic auth only',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'For basic auth only',
		},
	];
}
