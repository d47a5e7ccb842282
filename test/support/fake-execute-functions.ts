/**
 * A small IExecuteFunctions for unit tests: parameters per item, one credential, and
 * httpRequestWithAuthentication implemented over fetch with n8n's request contract
 * (qs, returnFullResponse, ignoreHttpStatusErrors, text encoding, Bearer header), so that
 * nock answers every call. The workflow layer runs the same code on real n8n-core.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

export interface FakeContextOptions {
	parameters: IDataObject | IDataObject[];
	credentials: IDataObject;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Contexts with the same id share the sync state (cursors, issue queue), as runs of one workflow do; each gets its own otherwise. */
	workflowId?: string;
}

let contexts = 0;

export interface HttpFailure extends Error {
	response: { status: number; data: string; headers: Record<string, string> };
}

export async function fakeHttpRequest(credentials: IDataObject, options: IHttpRequestOptions) {
	const url = new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {}))
		url.searchParams.set(key, String(value));
	const token = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
	const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
	if (token) headers.Authorization = `Bearer ${String(token)}`;
	const body =
		options.body === undefined
			? undefined
			: typeof options.body === 'string'
				? options.body
				: JSON.stringify(options.body);
	const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
	const raw = Buffer.from(await response.arrayBuffer());
	const text = raw.toString('utf8');
	const payload = options.encoding === 'arraybuffer' ? raw : text;
	const responseHeaders = Object.fromEntries(response.headers.entries());
	const ignore = options.ignoreHttpStatusErrors;
	const ignored =
		ignore === true ||
		(typeof ignore === 'object' && ignore.ignore && !ignore.except.includes(response.status));
	if (!response.ok && !ignored) {
		const failure = new Error(`Request failed with status code ${response.status}`) as HttpFailure;
		failure.response = { status: response.status, data: text, headers: responseHeaders };
		throw failure;
	}
	return options.returnFullResponse
		? { statusCode: response.status, headers: responseHeaders, body: payload }
		: payload;
}

export function fakeExecuteFunctions(options: FakeContextOptions): IExecuteFunctions {
	const items = options.items ?? [{ json: {} }];
	const perItem = Array.isArray(options.parameters)
		? options.parameters
		: items.map(() => options.parameters as IDataObject);
	const node: INode = {
		id: 'unit-node',
		name: 'QuickBooks Sync',
		type: 'n8n-nodes-quickbooks-sync.quickBooksSync',
		typeVersion: 1,
		position: [0, 0],
		parameters: perItem[0] as INode['parameters'],
	};
	const workflowId = options.workflowId ?? `wf-unit-${process.pid}-${++contexts}`;
	const staticData: IDataObject = {};
	const context = {
		getInputData: () => items,
		getWorkflow: () => ({ id: workflowId, name: `unit ${workflowId}`, active: false }),
		getWorkflowStaticData: () => staticData,
		getNode: () => node,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = perItem[itemIndex]?.[name];
			if (value === undefined && fallback === undefined)
				throw new Error(`Parameter "${name}" was not set for item ${itemIndex}`);
			return value ?? fallback;
		},
		getCredentials: async () => options.credentials,
		continueOnFail: () => options.continueOnFail ?? false,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) =>
				await fakeHttpRequest(options.credentials, request),
			// Like n8n's in-memory binary mode: the data travels as base64 in the item.
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => ({
				data: data.toString('base64'),
				fileName,
				mimeType,
				fileSize: String(data.length),
			}),
		},
	};
	return context as unknown as IExecuteFunctions;
}
