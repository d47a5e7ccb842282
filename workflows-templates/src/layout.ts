/**
 * Where each node sits on the canvas, computed so that every wire runs left to right: a node's
 * column is the longest chain of wires from a trigger to it; within a column nodes keep the height
 * of what feeds them (a node's later outputs lower down) and never overlap. Sticky notes sit above
 * the nodes they explain.
 */
import type { TemplateNode, TemplateNote } from './nodes';

const COLUMN = 240;
const ROW = 180;
const GRID = 20;

export type Position = [number, number];

const targetName = (t: string | { node: string }) => (typeof t === 'string' ? t : t.node);

export function layout(nodes: TemplateNode[], notes: TemplateNote[]): Map<string, Position> {
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const incoming = new Map<
		string,
		Array<{ from: string; output: number; rank: number; of: number }>
	>(nodes.map((n) => [n.name, []]));
	for (const n of nodes)
		(n.outputs ?? []).forEach((targets, output) =>
			targets.forEach((t, rank) => {
				const list = incoming.get(targetName(t));
				if (!list)
					throw new Error(
						`"${n.name}" is wired to "${targetName(t)}", which is not a node of the template`,
					);
				list.push({ from: n.name, output, rank, of: targets.length });
			}),
		);

	// Columns: longest path from a node nothing feeds (a cycle is a template error).
	const column = new Map<string, number>();
	const visiting = new Set<string>();
	const columnOf = (name: string): number => {
		const known = column.get(name);
		if (known !== undefined) return known;
		if (visiting.has(name)) throw new Error(`the template's wires loop back through "${name}"`);
		visiting.add(name);
		const feeds = incoming.get(name) ?? [];
		const value = feeds.length ? Math.max(...feeds.map((f) => columnOf(f.from) + 1)) : 0;
		visiting.delete(name);
		column.set(name, value);
		return value;
	};
	nodes.forEach((n) => columnOf(n.name));

	const positions = new Map<string, Position>();
	const columns = [...new Set(column.values())].sort((a, b) => a - b);
	for (const c of columns) {
		const here = nodes.filter((n) => column.get(n.name) === c);
		const wanted = here.map((n, order) => {
			const feeds = incoming.get(n.name) ?? [];
			if (!feeds.length) return { n, y: order * (ROW + GRID), order };
			const ys = feeds.map((f) => {
				const [, fromY] = positions.get(f.from)!;
				// A node's later outputs lead lower down (counting only the outputs that are wired).
				const feeder = byName.get(f.from)!;
				const wired = (
					feeder.branchOrder ?? (feeder.outputs ?? []).map((_, output) => output)
				).filter((output) => feeder.outputs?.[output]?.length);
				// A branch that must run last goes below every other (n8n's v1 order runs a node's
				// branches top to bottom): the summary that can end the run red comes after the writes.
				const outputShift = n.runsLast ? (wired.length + 1) * ROW : wired.indexOf(f.output) * ROW;
				return fromY + outputShift + (f.rank - (f.of - 1) / 2) * ROW;
			});
			return { n, y: ys.reduce((a, b) => a + b, 0) / ys.length, order };
		});
		wanted.sort((a, b) => a.y - b.y || a.order - b.order);
		let lowest = -Infinity;
		for (const w of wanted) {
			const y = Math.max(Math.round(w.y / GRID) * GRID, lowest + ROW);
			positions.set(w.n.name, [c * COLUMN, y]);
			lowest = y;
		}
	}

	for (const note of notes) {
		const covered = note.above.map((name) => {
			const p = positions.get(name);
			if (!p)
				throw new Error(
					`note "${note.name}" is placed above "${name}", which is not a node of the template`,
				);
			return p;
		});
		const { width, height } = noteSize(note, positions);
		const x = Math.min(...covered.map(([px]) => px)) - GRID;
		// Above every node in the columns it spans, not only the ones it explains.
		const spanned = nodes
			.map((n) => positions.get(n.name)!)
			.filter(([px]) => px >= x && px < x + width);
		const y = Math.min(...spanned.map(([, py]) => py)) - height - 2 * GRID;
		positions.set(note.name, [x, y]);
	}
	return positions;
}

/**
 * A note spans the columns of the nodes it explains (notes side by side never overlap) and is as
 * tall as its text needs in n8n's sticky-note font (about 7 px a character, 22 px a line).
 */
export function noteSize(
	note: TemplateNote,
	positions: Map<string, Position>,
): { width: number; height: number } {
	const xs = note.above.map((name) => positions.get(name)![0]);
	const width = Math.max(
		Math.max(...xs) - Math.min(...xs) + COLUMN - 2 * GRID,
		2 * COLUMN - 2 * GRID,
	);
	const perLine = Math.floor((width - 40) / 7);
	const lines = note.content
		.split('\n')
		.reduce(
			(sum, line) =>
				sum + Math.max(1, Math.ceil(line.length / perLine)) + (line.startsWith('#') ? 0.5 : 0),
			0,
		);
	return { width, height: Math.ceil((lines * 22 + 40) / GRID) * GRID };
}
