import type { INodeProperties } from 'n8n-workflow';

export const syncWebhookProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'HMAC Signature of the Body', value: 'hmac' },
			{ name: 'Shared Secret Header', value: 'header' },
			{ name: 'Basic Auth', value: 'basicAuth' },
		],
		default: 'hmac',
		description:
			'How the calling tool proves itself; a request that fails is answered 401 and starts nothing',
	},
	{
		displayName: 'Signature Header',
		name: 'signatureHeader',
		type: 'string',
		default: 'X-Signature',
		placeholder: 'X-FieldApp-Signature',
		description: 'Header holding the signature; a "sha256=" style prefix is accepted',
		displayOptions: { show: { authentication: ['hmac'] } },
	},
	{
		displayName: 'Algorithm',
		name: 'algorithm',
		type: 'options',
		options: [
			{ name: 'HMAC-SHA256', value: 'sha256' },
			{ name: 'HMAC-SHA1', value: 'sha1' },
		],
		default: 'sha256',
		displayOptions: { show: { authentication: ['hmac'] } },
	},
	{
		displayName: 'Signature Encoding',
		name: 'encoding',
		type: 'options',
		options: [
			{ name: 'Hex', value: 'hex' },
			{ name: 'Base64', value: 'base64' },
		],
		default: 'hex',
		displayOptions: { show: { authentication: ['hmac'] } },
	},
	{
		displayName: 'Timestamp Header',
		name: 'timestampHeader',
		type: 'string',
		default: '',
		placeholder: 'X-FieldApp-Timestamp',
		description:
			'Optional, against replayed requests: the header with the time of sending (unix seconds or ISO-8601). When set, the signed content is "&lt;timestamp&gt;.&lt;raw body&gt;", as in the app contract.',
		displayOptions: { show: { authentication: ['hmac'] } },
	},
	{
		displayName: 'Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'Requests whose timestamp is further from now are refused',
		displayOptions: { show: { authentication: ['hmac'] } },
	},
	{
		displayName: 'Header Name',
		name: 'authHeaderName',
		type: 'string',
		default: 'X-Webhook-Secret',
		description: 'Header that must hold the secret of the credential',
		displayOptions: { show: { authentication: ['header'] } },
	},
	{
		displayName: 'Body',
		name: 'bodyShape',
		type: 'options',
		options: [
			{
				name: 'Change to an App Record',
				value: 'change',
				description:
					'{ event: "customers.updated", ID, occurredAt, data: record } or the app contract\'s webhook { ID, type, occurredAt, resource, record }',
			},
			{
				name: 'Sync Now Command',
				value: 'syncCommand',
				description: '{ sync: "customers" } or { sync: "all" }',
			},
			{ name: 'Any JSON', value: 'any' },
		],
		default: 'change',
		description:
			'What a valid request looks like; anything else is answered 400 with the list of what is wrong',
	},
	{
		displayName: 'Event ID From',
		name: 'eventIdFrom',
		type: 'options',
		options: [
			{ name: 'Body Field', value: 'field' },
			{ name: 'Header', value: 'header' },
		],
		default: 'field',
		description:
			'A request whose event ID was already received is answered 200 and starts nothing. A request without an event ID always runs.',
	},
	{
		displayName: 'Event ID Field',
		name: 'eventIdField',
		type: 'string',
		default: 'id',
		description: 'Dotted path in the body, e.g. ID or meta.eventId',
		displayOptions: { show: { eventIdFrom: ['field'] } },
	},
	{
		displayName: 'Event ID Header',
		name: 'eventIdHeader',
		type: 'string',
		default: 'X-Event-Id',
		displayOptions: { show: { eventIdFrom: ['header'] } },
	},
];
