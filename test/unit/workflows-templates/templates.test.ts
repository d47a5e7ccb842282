/**
 * Every file in workflows-templates/ against one set of rules, so templates cannot drift: it imports
 * as a workflow (id, v1 execution order, connections to existing nodes), carries the three ways
 * to start a sync, names credentials with "id": null, uses only this package's node types and
 * stock n8n nodes, and explains its app side in a sticky note.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const DIR = path.resolve(__dirname, '../../../workflows-templates');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const pkg = JSON.parse(
	fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'),
) as {
	name: string;
	n8n: { nodes: string[] };
};
const OWN_TYPES = pkg.n8n.nodes.map((file) => {
	const base = path.basename(file, '.node.js');
	return `${pkg.name}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
});
const STOCK_TYPES = [
	'scheduleTrigger',
	'manualTrigger',
	'httpRequest',
	'set',
	'splitOut',
	'merge',
	'noOp',
	'stickyNote',
	'if',
	'filter',
	'aggregate',
	'stopAndError',
	'emailSend',
].map((t) => `n8n-nodes-base.${t}`);

const node = z.object({
	id: z.string().uuid(),
	name: z.string().min(1),
	type: z.string(),
	typeVersion: z.number(),
	position: z.tuple([z.number(), z.number()]),
	parameters: z.record(z.unknown()),
	credentials: z.record(z.object({ id: z.null(), name: z.string().min(1) }).strict()).optional(),
	webhookId: z.string().uuid().optional(),
});
const template = z
	.object({
		id: z.string().regex(/^[A-Za-z0-9]{16}$/, 'a stable 16-character id'),
		name: z.string().startsWith('QuickBooks Sync: '),
		nodes: z.array(node.passthrough()).min(1),
		connections: z.record(
			z.object({
				main: z.array(
					z.array(z.object({ node: z.string(), type: z.literal('main'), index: z.number() })),
				),
			}),
		),
		settings: z.object({ executionOrder: z.literal('v1') }).passthrough(),
		meta: z.object({ behaviour: z.string(), seeds: z.array(z.string()).min(1) }).passthrough(),
	})
	.passthrough();

describe.each(files)('template %s', (file) => {
	const json = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));

	it('matches the template schema', () => {
		const checked = template.safeParse(json);
		expect(
			checked.success ? [] : checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
		).toEqual([]);
	});

	it("uses only this package's nodes and stock n8n nodes, with unique names and webhook ids", () => {
		const types = (json.nodes as Array<{ type: string }>)
			.map((n) => n.type)
			.filter((t) => !OWN_TYPES.includes(t) && !STOCK_TYPES.includes(t));
		expect(types).toEqual([]);
		const names = json.nodes.map((n: { name: string }) => n.name);
		expect(new Set(names).size).toBe(names.length);
		const hooks = json.nodes.map((n: { webhookId?: string }) => n.webhookId).filter(Boolean);
		expect(new Set(hooks).size).toBe(hooks.length);
	});

	it('connects only nodes that exist, and every non-note node is reached', () => {
		const names = new Set(json.nodes.map((n: { name: string }) => n.name));
		const reached = new Set<string>();
		for (const [from, { main }] of Object.entries(
			json.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
		)) {
			expect(names.has(from)).toBe(true);
			for (const out of main)
				for (const to of out) (expect(names.has(to.node)).toBe(true), reached.add(to.node));
		}
		const unreached = json.nodes
			.filter(
				(n: { name: string; type: string }) =>
					!n.type.endsWith('Trigger') &&
					!n.type.endsWith('.syncWebhook') &&
					!n.type.endsWith('stickyNote') &&
					!reached.has(n.name),
			)
			.map((n: { name: string }) => n.name);
		expect(unreached).toEqual([]);
	});

	it('starts on a schedule, by hand and from another tool, and explains what to replace for another app', () => {
		const types = json.nodes.map((n: { type: string }) => n.type);
		expect(types).toEqual(
			expect.arrayContaining([
				'n8n-nodes-base.scheduleTrigger',
				'n8n-nodes-base.manualTrigger',
				`${pkg.name}.syncWebhook`,
			]),
		);
		const notes = json.nodes
			.filter((n: { type: string }) => n.type === 'n8n-nodes-base.stickyNote')
			.map((n: { parameters: { content: string } }) => n.parameters.content);
		expect(notes.some((c: string) => /replace these nodes for another app/i.test(c))).toBe(true);
		expect(json.nodes.some((n: { name: string }) => n.name === 'Settings')).toBe(true);
	});

	it("runs the sync at once from the editor's Execute workflow button, never waiting for a call", () => {
		const picked = editorDefaultTrigger(json.nodes);
		expect(picked && RUN_AT_ONCE.includes(picked.type)).toBe(true);
		// The first note tells the admin what that button does.
		const firstNote = json.nodes
			.filter((n: { type: string }) => n.type === 'n8n-nodes-base.stickyNote')
			.sort(
				(a: { position: number[] }, b: { position: number[] }) => a.position[0] - b.position[0],
			)[0];
		expect(firstNote.parameters.content).toMatch(/Execute workflow/);
	});

	it('ends a run with records to fix in red, after every other branch, with an e-mail step shipped off', () => {
		const stop = json.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-base.stopAndError');
		const check = json.nodes.find((n: { name: string }) => n.name === 'Anything to fix?');
		expect(check.parameters.conditions.conditions[0]).toMatchObject({
			leftValue: expect.stringContaining('issues'),
			operator: { operation: 'gt' },
		});
		expect(stop.parameters.errorMessage).toMatch(/need a fix; everything else was written/);
		expect(
			json.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-base.emailSend'),
		).toMatchObject({ disabled: true });
		// n8n's v1 order runs a node's branches top to bottom: the branch that stops must be the lowest one of the engine's outputs.
		const [feeder] = Object.entries(
			json.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
		).find(([, c]) => c.main.some((o) => o.some((t) => t.node === 'Anything to fix?')))!;
		const engineName = Object.entries(
			json.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
		)
			.filter(([, c]) => c.main.some((o) => o.some((t) => t.node === feeder)))
			.map(([from]) => from)
			.at(-1)!;
		const children = json.connections[engineName].main
			.flat()
			.map((t: { node: string }) => json.nodes.find((n: { name: string }) => n.name === t.node));
		expect(Math.max(...children.map((n: { position: number[] }) => n.position[1]))).toBe(
			json.nodes.find((n: { name: string }) => n.name === feeder).position[1],
		);
	});
});

/**
 * The trigger n8n's editor starts when the admin clicks "Execute workflow" without picking one
 * (n8n 2.41.1, editor-ui `findTriggerNodeToAutoSelect`): the enabled trigger of the highest rank,
 * Form 10, Webhook 9, other apps 8, Schedule 7, Manual 6, core nodes 0. A node's "core" category
 * comes from its codex file (`<Node>.node.json`).
 */
function editorDefaultTrigger(nodes: Array<{ name: string; type: string; disabled?: boolean }>) {
	const rank: Record<string, number> = {
		'n8n-nodes-base.formTrigger': 10,
		'n8n-nodes-base.webhook': 9,
		'n8n-nodes-base.scheduleTrigger': 7,
		'n8n-nodes-base.manualTrigger': 6,
	};
	const codexOf = (type: string) => {
		const base = type.slice(pkg.name.length + 1);
		const folder = base.charAt(0).toUpperCase() + base.slice(1);
		return JSON.parse(
			fs.readFileSync(
				path.resolve(__dirname, '../../../nodes', folder, `${folder}.node.json`),
				'utf8',
			),
		) as { categories: string[] };
	};
	const rankOf = (type: string) =>
		rank[type] ??
		(OWN_TYPES.includes(type)
			? codexOf(type).categories.includes('Core Nodes')
				? 0
				: 8
			: undefined);
	const triggers = nodes.filter(
		(n) => /trigger$/i.test(n.type) || n.type === `${pkg.name}.syncWebhook`,
	);
	for (const t of triggers)
		expect({ type: t.type, known: rankOf(t.type) !== undefined }).toEqual({
			type: t.type,
			known: true,
		});
	return triggers.sort((a, b) => rankOf(b.type)! - rankOf(a.type)!).find((t) => !t.disabled);
}
/** Triggers that run the workflow as soon as the editor starts them (a Schedule Trigger fires once at once). */
const RUN_AT_ONCE = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger'];

it('there is at least one template', () => expect(files.length).toBeGreaterThan(0));

it('gives every template its own id and webhook ids, so that all of them can be active in one n8n at once', () => {
	const all = files.map(
		(f) =>
			JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as {
				id: string;
				nodes: Array<{ webhookId?: string }>;
			},
	);
	const ids = all.map((t) => t.id);
	const hooks = all.flatMap((t) => t.nodes.map((n) => n.webhookId).filter(Boolean));
	expect(new Set(ids).size).toBe(ids.length);
	expect(new Set(hooks).size).toBe(hooks.length);
});
