/**
 * One request to the Sync Webhook: authenticate over the raw bytes, validate the body, drop a
 * repeated event id, answer 202 before the workflow runs.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	fieldAt,
	parseSyncWebhookBody,
	type BodyIssue,
	type BodyShape,
} from '../shared/webhooks/inbound-body';
import {
	headerValue,
	verifyBasicAuth,
	verifyHmac,
	verifySharedSecretHeader,
	type Verdict,
} from '../shared/webhooks/signature';
import {
	loadState,
	rememberEvents,
	saveState,
	serialized,
	splitSeen,
} from '../shared/webhooks/trigger-state';
import { rawBodyOf, stateKey } from '../shared/webhooks/webhook-request';

type Headers = Record<string, string | string[] | undefined>;

async function authenticate(
	context: IWebhookFunctions,
	raw: Buffer,
	headers: Headers,
): Promise<Verdict> {
	const credentials = await context.getCredentials('syncWebhookAuthApi');
	const secret = String(credentials.secret ?? '');
	const method = context.getNodeParameter('authentication', 'hmac') as string;
	if (method === 'basicAuth')
		return verifyBasicAuth(
			headers,
			String(credentials.user ?? ''),
			String(credentials.password ?? ''),
		);
	if (method === 'header')
		return verifySharedSecretHeader(
			headers,
			context.getNodeParameter('authHeaderName', 'X-Webhook-Secret') as string,
			secret,
		);
	const timestampHeader = String(context.getNodeParameter('timestampHeader', '') ?? '').trim();
	return verifyHmac(
		raw,
		headers,
		{
			secret,
			signatureHeader: context.getNodeParameter('signatureHeader', 'X-Signature') as string,
			algorithm: context.getNodeParameter('algorithm', 'sha256') as 'sha1' | 'sha256',
			encoding: context.getNodeParameter('encoding', 'hex') as 'hex' | 'base64',
			timestampHeader: timestampHeader || undefined,
			toleranceSeconds: context.getNodeParameter('toleranceSeconds', 300) as number,
		},
		Date.now(),
	);
}

function answer(context: IWebhookFunctions, status: number, body: IDataObject): void {
	context.getResponseObject().status(status).json(body);
}

export async function handleSyncRequest(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const raw = await rawBodyOf(context);
	const headers = context.getHeaderData() as Headers;
	const node = context.getNode();
	const verdict = await authenticate(context, raw, headers);
	if (!verdict.ok) {
		context.logger.warn(
			`Sync Webhook "${node.name}" refused a request (HTTP 401): ${verdict.reason}`,
		);
		answer(context, 401, { error: 'unauthorized', message: verdict.reason });
		return { noWebhookResponse: true };
	}

	const parsed = parseSyncWebhookBody(
		raw,
		context.getNodeParameter('bodyShape', 'change') as BodyShape,
	);
	if (!parsed.ok) {
		const issues: BodyIssue[] = parsed.issues;
		answer(context, 400, {
			error: 'invalid_body',
			message: `The body has ${issues.length} problem(s): ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
			issues: issues as unknown as IDataObject[],
		});
		return { noWebhookResponse: true };
	}
	const event = parsed.value;
	const fromHeader = context.getNodeParameter('eventIdFrom', 'field') === 'header';
	const eventId = fromHeader
		? headerValue(headers, context.getNodeParameter('eventIdHeader', 'X-Event-Id') as string)
		: event.kind === 'json'
			? fieldAt(event.body, context.getNodeParameter('eventIdField', 'id') as string)
			: event.eventId;

	const key = stateKey(context);
	const repeated = eventId
		? await serialized(key, async () => {
				const staticData = context.getWorkflowStaticData('node');
				const state = loadState(key, staticData.state);
				if (splitSeen(state, [eventId]).repeated.length) return true;
				rememberEvents(state, [eventId]);
				staticData.state = saveState(key, state) as unknown as IDataObject;
				return false;
			})
		: false;
	if (repeated) {
		answer(context, 200, {
			accepted: true,
			duplicate: true,
			eventId: eventId ?? null,
			message: 'This event ID was already received; nothing was started.',
		});
		return { noWebhookResponse: true };
	}
	answer(context, 202, { accepted: true, duplicate: false, eventId: eventId ?? null });
	return {
		noWebhookResponse: true,
		workflowData: [
			[
				{
					json: {
						...event,
						eventId: eventId ?? null,
						receivedAt: new Date().toISOString(),
					} as unknown as IDataObject,
				},
			],
		],
	};
}
