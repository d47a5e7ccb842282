/**
 * A small IWebhookFunctions for unit tests of the webhook triggers: the raw request (bytes,
 * headers), node parameters, credentials by type, the node's static data (kept by the test
 * between calls, as n8n keeps it in its database), the response the node writes, log lines, and
 * HTTP through the same fetch as fake-execute-functions (nock answers it).
 */
import {
	ObservableObject,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { fakeHttpRequest } from './fake-execute-functions';

/**
 * Static data as n8n hands it to nodes: an observable proxy over the stored object (what the test
 * holds), so writes land in the test's object and code that cannot handle a proxy fails here too.
 */
function observed(stored: IDataObject): IDataObject {
	return ObservableObject.create(stored);
}

export interface WebhookRequest {
	body: Buffer | string;
	headers?: Record<string, string>;
	/** n8n leaves rawBody unset at typeVersion ≥ 2 for non-JSON bodies; the node must read it. */
	rawBodyPreset?: boolean;
}

export interface WebhookCall {
	result: IWebhookResponseData;
	response: { status?: number; body?: unknown };
	logs: Array<{ level: string; message: string }>;
}

export interface FakeWebhookOptions {
	parameters: IDataObject;
	credentials: Record<string, IDataObject>;
	/** Survives between calls like n8n's workflow static data; pass the same object again. */
	staticData?: IDataObject;
	workflowId?: string;
	nodeId?: string;
}

export async function callWebhook(
	handler: (this: IWebhookFunctions) => Promise<IWebhookResponseData>,
	request: WebhookRequest,
	options: FakeWebhookOptions,
): Promise<WebhookCall> {
	const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
	const headers = Object.fromEntries(
		Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	const req: {
		rawBody?: Buffer;
		readRawBody: () => Promise<void>;
		headers: Record<string, string>;
	} = {
		rawBody: request.rawBodyPreset === false ? undefined : raw,
		readRawBody: async () => {
			req.rawBody = raw;
		},
		headers,
	};
	const response: WebhookCall['response'] = {};
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json(body: unknown) {
			if (response.body !== undefined) throw new Error('the node answered twice');
			response.body = body;
			return res;
		},
	};
	const logs: WebhookCall['logs'] = [];
	const log = (level: string) => (message: string) => logs.push({ level, message });
	const node: INode = {
		id: options.nodeId ?? 'unit-trigger',
		name: 'Trigger',
		type: 'unit',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
	};
	const staticData = observed(options.staticData ?? {});
	const context = {
		getRequestObject: () => req,
		getResponseObject: () => res,
		getHeaderData: () => headers,
		getBodyData: () => ({}),
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-unit', name: 'unit', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = options.parameters[name];
			if (value === undefined && fallback === undefined)
				throw new Error(`Parameter "${name}" was not set`);
			return value ?? fallback;
		},
		getCredentials: async (type: string) => {
			const found = options.credentials[type];
			if (!found) throw new Error(`no credential of type ${type}`);
			return found;
		},
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => 'http://127.0.0.1/webhook/unit',
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequestWithAuthentication: async (type: string, requestOptions: IHttpRequestOptions) =>
				await fakeHttpRequest(options.credentials[type] ?? {}, requestOptions),
		},
	};
	const result = await handler.call(context as unknown as IWebhookFunctions);
	return { result, response, logs };
}

/** The items a webhook() result starts the workflow with (none when it starts nothing). */
export function emitted(call: WebhookCall): IDataObject[] {
	return (call.result.workflowData?.[0] ?? []).map((item) => item.json);
}

/** An IPollFunctions: parameters, credentials, the node's static data and the mode (trigger or manual). */
export function fakePollFunctions(
	options: FakeWebhookOptions & { mode?: 'trigger' | 'manual' },
): IPollFunctions {
	const node: INode = {
		id: options.nodeId ?? 'unit-poll',
		name: 'Poll',
		type: 'unit',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
	};
	const staticData = observed(options.staticData ?? {});
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-unit', name: 'unit', active: true }),
		getMode: () => options.mode ?? 'trigger',
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = options.parameters[name];
			if (value === undefined && fallback === undefined)
				throw new Error(`Parameter "${name}" was not set`);
			return value ?? fallback;
		},
		getCredentials: async (type: string) => options.credentials[type],
		getWorkflowStaticData: () => staticData,
		helpers: {
			httpRequestWithAuthentication: async (type: string, requestOptions: IHttpRequestOptions) =>
				await fakeHttpRequest(options.credentials[type] ?? {}, requestOptions),
		},
	};
	return context as unknown as IPollFunctions;
}
