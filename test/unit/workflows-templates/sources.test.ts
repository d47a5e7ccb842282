/**
 * The shipped templates are build output: each committed workflows-templates/*.json is exactly what
 * its definition in workflows-templates/src/templates builds (`npm run build:templates` writes
 * them), and the built layout reads left to right as n8n's editor shows it.
 */
import fs from 'node:fs';
import path from 'node:path';

import { buildWorkflow, templateFile } from '../../../workflows-templates/src/build';
import { layout } from '../../../workflows-templates/src/layout';
import { engine, noOp } from '../../../workflows-templates/src/nodes';
import { TEMPLATES } from '../../../workflows-templates/src/templates';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const NODE_SIZE = 100; // n8n draws a node in a 100 × 100 box from its position

it('has a definition for every committed template and a committed file for every definition', () => {
	const committed = fs
		.readdirSync(path.dirname(templateFile(TEMPLATES[0])))
		.filter((f) => f.endsWith('.json'))
		.sort();
	expect(TEMPLATES.map((t) => `${t.file}.json`).sort()).toEqual(committed);
});

describe.each(TEMPLATES.map((t) => [t.file, t] as const))('template %s', (_file, definition) => {
	const built = buildWorkflow(definition);
	const nodes = built.nodes as Json[];
	const at = new Map(nodes.map((n) => [n.name as string, n.position as [number, number]]));

	it('is committed exactly as its definition builds it (run npm run build:templates after editing a definition)', () => {
		expect(JSON.parse(fs.readFileSync(templateFile(definition), 'utf8'))).toEqual(
			JSON.parse(JSON.stringify(built)),
		);
	});

	it('runs every wire left to right', () => {
		const backwards = Object.entries(built.connections as Json).flatMap(([from, c]) =>
			(c.main as Json[][])
				.flat()
				.filter((t) => at.get(t.node)![0] <= at.get(from)![0])
				.map((t) => `${from} → ${t.node}`),
		);
		expect(backwards).toEqual([]);
	});

	it("has n8n run each node's branches in the order its definition gives", () => {
		// n8n's v1 order (WorkflowExecute): a node's children run top to bottom, then left to right.
		const n8nOrder = (from: string) =>
			(((built.connections as Json)[from]?.main as Json[][] | undefined) ?? [])
				.flat()
				.map((t) => ({ name: t.node as string, at: at.get(t.node)! }))
				.sort((a, b) => a.at[1] - b.at[1] || a.at[0] - b.at[0])
				.map((t) => t.name);
		const byName = new Map(definition.nodes.map((n) => [n.name, n]));
		for (const n of definition.nodes.filter((d) => (d.outputs ?? []).flat().length > 1)) {
			const outputs = n.outputs!;
			const declared = (n.branchOrder ?? outputs.map((_, i) => i))
				.flatMap((o) => outputs[o] ?? [])
				.map((t) => (typeof t === 'string' ? t : t.node));
			const expected = [
				...declared.filter((t) => !byName.get(t)?.runsLast),
				...declared.filter((t) => byName.get(t)?.runsLast),
			];
			expect({ node: n.name, order: n8nOrder(n.name) }).toEqual({ node: n.name, order: expected });
		}
	});

	it('places no node on another, and no sticky note on a node', () => {
		const boxes = nodes.map((n) => {
			const [x, y] = n.position;
			const note = n.type === 'n8n-nodes-base.stickyNote';
			return {
				name: n.name,
				note,
				x,
				y,
				w: note ? n.parameters.width : NODE_SIZE,
				h: note ? n.parameters.height : NODE_SIZE,
			};
		});
		const overlaps: string[] = [];
		for (const [i, a] of boxes.entries())
			for (const b of boxes.slice(i + 1)) {
				const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
				if (!apart) overlaps.push(`${a.name} / ${b.name}`);
			}
		expect(overlaps).toEqual([]);
	});
});

describe('the layout', () => {
	it('refuses wires that loop, and wires or notes naming a node the template lacks', () => {
		expect(() => layout([noOp('A', { next: 'B' }), noOp('B', { next: 'A' })], [])).toThrow(
			'loop back through',
		);
		expect(() => layout([noOp('A', { next: 'Missing' })], [])).toThrow(
			'"A" is wired to "Missing", which is not a node of the template',
		);
		expect(() => layout([noOp('A')], [{ name: 'Note', above: ['Nowhere'], content: 'x' }])).toThrow(
			'placed above "Nowhere"',
		);
	});

	it("puts a node's later wired outputs lower down, the first one level with it", () => {
		const positions = layout(
			[
				engine('Sync', {}, { outputs: [[], ['Issues'], ['Summary']] }),
				noOp('Issues'),
				noOp('Summary'),
			],
			[],
		);
		expect(positions.get('Issues')![1]).toBe(positions.get('Sync')![1]);
		expect(positions.get('Summary')![1]).toBeGreaterThan(positions.get('Issues')![1]);
	});
});

it('refuses a definition whose node names repeat', () => {
	const [first] = TEMPLATES;
	expect(() => buildWorkflow({ ...first, nodes: [...first.nodes, noOp('Settings')] })).toThrow(
		'node names must be unique: Settings',
	);
});
