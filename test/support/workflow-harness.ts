/**
 * In-process workflow runner on n8n-core's exported WorkflowExecute — the parts of n8n's
 * (unpublished) NodeTestHarness this package needs: it loads this package's built nodes and
 * credentials from package.json exactly as n8n does (PackageDirectoryLoader over dist/),
 * applies credential defaults and `$self` expressions with n8n-workflow's own expression
 * engine, authenticates OAuth2 through n8n-core (token refresh included) and records every
 * node's output. Run `npm run build` first (npm test does).
 */
import { mock } from 'jest-mock-extended';
import { PackageDirectoryLoader, WorkflowExecute, ExecutionLifecycleHooks } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-quickbooks-sync';

/** Minimal stand-ins for the two core nodes the test workflows start from. */
class ManualTriggerStandIn implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow with the items it is given',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class NoOpStandIn implements INodeType {
	description = {
		displayName: 'No Operation',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'Passes items through',
		defaults: { name: 'No Operation' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
	/** Registers an extra node type for a test (e.g. a credential-test probe). */
	register(type: string, nodeType: INodeType): void;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads dist/ through n8n-core's PackageDirectoryLoader (reads package.json "n8n"). */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const types = new Map<string, INodeType | IVersionedNodeType>();
		for (const [name, { type }] of Object.entries(loader.nodeTypes))
			types.set(`${PACKAGE_NAME}.${name}`, type);
		types.set('n8n-nodes-base.manualTrigger', new ManualTriggerStandIn());
		types.set('n8n-nodes-base.noOp', new NoOpStandIn());
		const credentialTypes = new Map<string, ICredentialType>();
		for (const [name, { type }] of Object.entries(loader.credentialTypes))
			credentialTypes.set(name, type);
		if (!types.has(`${PACKAGE_NAME}.quickBooksSync`)) {
			throw new Error(
				`dist/ has no ${PACKAGE_NAME}.quickBooksSync node: run "npm run build" first`,
			);
		}
		const nodeTypes: INodeTypes = {
			getByName: (type) => {
				const nodeType = types.get(type);
				if (!nodeType) throw new Error(`Unrecognized node type: ${type}`);
				return nodeType;
			},
			getByNameAndVersion: (type, version) =>
				NodeHelpers.getVersionedNodeType(nodeTypes.getByName(type), version),
			getKnownTypes: () => ({}),
		};
		return {
			nodeTypes,
			credentialTypes,
			register: (type, nodeType) => void types.set(type, nodeType),
		};
	})();
	return loaded;
}

/** Credential store for one run; token refreshes are written back here like n8n persists them. */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly updates: Array<{ type: string; oauthTokenData: unknown }> = [];

	constructor(
		private readonly credentialTypes: Map<string, ICredentialType>,
		private readonly nodeTypes: INodeTypes,
		private readonly store: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const type = this.credentialTypes.get(name);
		const parents = type?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes.get(typeName);
		if (typeof type?.authenticate === 'function')
			return await type.authenticate(credentials, requestOptions);
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	getCredentialsProperties(type: string) {
		return this.credentialTypes.get(type)?.properties ?? [];
	}

	async getCredentials(): Promise<never> {
		throw new Error('The harness keeps decrypted credentials only');
	}

	/** As n8n does: stored values, then property defaults, then `$self` expressions resolved. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store[type];
		if (!stored) throw new Error(`No credential of type ${type} was given to the harness`);
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			stored as never,
			true,
			false,
			null,
			null,
		) as IDataObject;
		const data = { ...stored, ...withDefaults };
		const node: INode = {
			id: 'credential',
			name: 'Credential',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		return workflow.expression.getComplexParameterValue(
			node,
			data as never,
			'internal',
			{},
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getOAuth2Options(): undefined {
		return undefined;
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...this.store[type], oauthTokenData: data.oauthTokenData };
		this.updates.push({ type, oauthTokenData: data.oauthTokenData });
	}
}

export interface WorkflowRun {
	status: IRun['status'];
	run: IRun;
	/** The json of every item the node output on its first output, first run. */
	output(nodeName: string): IDataObject[];
	/** The error a node stopped with, if any. */
	nodeError(nodeName: string): Error | undefined;
	credentialsHelper: HarnessCredentialsHelper;
}

export interface RunOptions {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items handed to the start node. */
	input?: IDataObject[];
	mode?: WorkflowExecuteMode;
}

export async function runWorkflow(
	workflowData: IWorkflowBase | Record<string, unknown>,
	options: RunOptions = {},
): Promise<WorkflowRun> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	// A copy: running a workflow fills its node parameters in place, which must not leak into the next run.
	const data = structuredClone(workflowData) as IWorkflowBase;
	const workflow = new Workflow({
		id: String(data.id ?? 'harness'),
		name: data.name,
		nodes: data.nodes,
		connections: data.connections,
		settings: data.settings,
		active: false,
		nodeTypes,
		staticData: data.staticData,
	});
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, nodeTypes, {
		...(options.credentials ?? {}),
	});
	const hooks = new ExecutionLifecycleHooks(
		options.mode ?? 'manual',
		'harness-execution',
		data as IWorkflowBase,
	);
	const additionalData = (mock as (defaults: object) => IWorkflowExecuteAdditionalData)({
		hooks,
		currentNodeParameters: undefined,
		// the mock would otherwise answer with a function and n8n-core would try to decrypt it
		encryptedRunnerIdentity: undefined,
		ssrfBridge: undefined,
	});
	additionalData.credentialsHelper = credentialsHelper;
	additionalData.executionId = 'harness-execution';

	const startNode = workflow.getStartNode();
	if (!startNode) throw new Error('The workflow has no start node');
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	} as unknown as IRunExecutionData;

	const run = await new WorkflowExecute(
		additionalData,
		options.mode ?? 'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const runData = run.data.resultData.runData;
	return {
		status: run.status,
		run,
		credentialsHelper,
		output: (nodeName) => (runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json),
		nodeError: (nodeName) => runData[nodeName]?.[0]?.error as Error | undefined,
	};
}
