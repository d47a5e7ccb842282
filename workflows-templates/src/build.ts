/**
 * Builds the shipped templates (workflows-templates/*.json) from their definitions in ./templates.
 * `npm run build:templates` writes them; test/unit/workflows-templates/templates.test.ts fails when a committed file
 * differs from what its definition builds, so an edit made in the JSON alone cannot drift.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { layout, noteSize } from './layout';
import { note, type Json, type TemplateNode, type TemplateNote } from './nodes';
import { startNodes, type Start } from './start';
import { TEMPLATES } from './templates';

export interface TemplateDefinition {
	/** The file name in workflows-templates/, without .json. */
	file: string;
	/** n8n's workflow id: fixed, so a re-import replaces the workflow and its cursors stay its own. */
	id: string;
	name: string;
	/** The documented behaviour it implements, and the products that have it (docs/glossary.md). */
	behaviour: string;
	seeds: string[];
	/** The triggers, Settings, the currency check and the cursor, wired to the app side. */
	start: Start;
	/** The first note: how to run it, what it does, what Settings holds. */
	settingsNote: string;
	/** Everything after the start: app side, engine, write-back, outputs. */
	nodes: TemplateNode[];
	notes: TemplateNote[];
}

export const TEMPLATES_DIR = path.resolve(__dirname, '..');

/** A stable node id (UUID-shaped) from the template and the node's name. */
function nodeId(templateId: string, name: string): string {
	const h = createHash('sha1').update(`${templateId}/${name}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function buildWorkflow(template: TemplateDefinition): Json {
	const start = startNodes(template.start);
	const definition = {
		...template,
		nodes: [...start, ...template.nodes],
		notes: [
			// Above the start, from the editor's button (a trigger) to the cursor.
			note(
				'Note: settings',
				start.filter((n, i) => i > 0).map((n) => n.name),
				template.settingsNote,
			),
			...template.notes,
		],
	};
	const names = [...definition.nodes, ...definition.notes].map((n) => n.name);
	const repeated = names.filter((n, i) => names.indexOf(n) !== i);
	if (repeated.length)
		throw new Error(
			`template ${definition.file}: node names must be unique: ${repeated.join(', ')}`,
		);
	const positions = layout(definition.nodes, definition.notes);
	const nodes = definition.nodes.map((n) => {
		const { name, type, typeVersion, parameters, ...flags } = n;
		// Wires become `connections`; runsLast and branchOrder only guide the layout.
		delete flags.outputs;
		delete flags.runsLast;
		delete flags.branchOrder;
		return {
			parameters,
			id: nodeId(definition.id, name),
			name,
			type,
			typeVersion,
			position: positions.get(name),
			...flags,
		};
	});
	const notes = definition.notes.map((note) => ({
		parameters: { content: note.content, ...noteSize(note, positions) },
		id: nodeId(definition.id, note.name),
		name: note.name,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: positions.get(note.name),
	}));
	const connections: Json = {};
	for (const n of definition.nodes)
		if (n.outputs?.some((targets) => targets.length))
			connections[n.name] = {
				main: n.outputs.map((targets) =>
					targets.map((t) =>
						typeof t === 'string'
							? { node: t, type: 'main', index: 0 }
							: { node: t.node, type: 'main', index: t.input },
					),
				),
			};
	return {
		id: definition.id,
		name: definition.name,
		nodes: [...nodes, ...notes],
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		meta: {
			templateCredsSetupCompleted: false,
			behaviour: definition.behaviour,
			seeds: definition.seeds,
		},
		tags: [],
	};
}

export const templateFile = (definition: TemplateDefinition): string =>
	path.join(TEMPLATES_DIR, `${definition.file}.json`);

/** Writes every template, formatted as the repository formats JSON (Prettier). */
async function writeAll(): Promise<void> {
	const prettier = await import('prettier');
	for (const definition of TEMPLATES) {
		const file = templateFile(definition);
		const options = (await prettier.resolveConfig(file)) ?? {};
		const text = await prettier.format(JSON.stringify(buildWorkflow(definition)), {
			...options,
			filepath: file,
		});
		fs.writeFileSync(file, text);
		process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
	}
}

if (require.main === module)
	writeAll().catch((error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exit(1);
	});
