/**
 * What a template is made of: nodes (n8n's fields and where each output goes) and sticky notes,
 * and the node kinds every part uses. The parts every template shares are written once in
 * ./start.ts (triggers to cursor), ./app-side.ts (the app's lists and writes) and ./end.ts
 * (cursor commit, issues, summary, the red stop); ./kit.ts gathers them for the definitions in
 * ./templates, and ./build.ts lays them out and writes the JSON.
 */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A wire's end: a node name, or a node and its input (Merge has two). */
export type Target = string | { node: string; input: number };

/** A node before layout: n8n's fields without id and position, plus where its outputs go. */
export interface TemplateNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Json;
	credentials?: Json;
	webhookId?: string;
	executeOnce?: boolean;
	alwaysOutputData?: boolean;
	disabled?: boolean;
	/** Output index → the nodes it feeds. */
	outputs?: Target[][];
	/** Layout only: placed below its siblings, so n8n runs its branch after theirs. */
	runsLast?: boolean;
	/** Layout only: its wired outputs top to bottom (n8n runs sibling branches in that order); default by index. */
	branchOrder?: number[];
}

/** A sticky note placed above the nodes it explains. */
export interface TemplateNote {
	name: string;
	/** Markdown; the note's size follows the columns it covers and the text's length. */
	content: string;
	/** The nodes it sits above: it starts at the leftmost one's column and ends at the rightmost's. */
	above: string[];
}

export const PACKAGE = 'n8n-nodes-quickbooks-sync';
export const credential = {
	app: { httpHeaderAuth: { id: null, name: 'Field app API key' } },
	quickBooks: { quickBooksSyncOAuth2Api: { id: null, name: 'QuickBooks' } },
	syncWebhook: { syncWebhookAuthApi: { id: null, name: 'Sync Webhook secret' } },
};
export const APP_URL = "={{ $('Settings').first().json.appBaseUrl }}";

const to = (...targets: Target[]): Target[][] => [targets];

/** A node's flags, and its wires: `next` feeds output 0, `outputs` lists every output. */
export type Extra = Omit<Partial<TemplateNode>, 'name' | 'type' | 'typeVersion' | 'parameters'> & {
	next?: Target | Target[];
};

/** Any node; `next` feeds output 0. */
export function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Json,
	extra: Extra = {},
): TemplateNode {
	const { next, ...rest } = extra;
	const outputs =
		rest.outputs ?? (next === undefined ? undefined : to(...(Array.isArray(next) ? next : [next])));
	const flags = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
	return { name, type, typeVersion, parameters, ...flags, ...(outputs ? { outputs } : {}) };
}

export function engine(name: string, parameters: Json, extra: Extra = {}): TemplateNode {
	return node(name, `${PACKAGE}.quickBooksSyncEngine`, 1, parameters, {
		credentials: credential.quickBooks,
		...extra,
	});
}

export const noOp = (name: string, extra: Extra = {}): TemplateNode =>
	node(name, 'n8n-nodes-base.noOp', 1, {}, extra);

export function note(name: string, above: string[], content: string): TemplateNote {
	return { name, above, content };
}
