/** Prints the side-by-side table: the built-in node and this package, per scenario, with the ratios the README quotes. */
import os from 'node:os';

import type { Cost } from './environment';

export interface Side {
	/** Under QuickBooks' real limits. */
	limited: Cost;
	/** The built-in only: the same run with the limits lifted (what finishing would cost). */
	lifted?: Cost;
	failedItems: number;
	done: number;
}

export interface Row {
	scenario: string;
	builtin: Side;
	package: Side;
	total?: number;
}

export interface MonthFigures {
	/** Per 15-minute interval of the reference day, per template: the reads of a run with that interval's changes, and of a run with none. */
	perTemplate: Array<{
		template: string;
		busyReads: number;
		idleReads: number;
		busyCalls: number;
		busyRuns: number;
		monthReads: number;
		builtinMonthReads: number;
	}>;
	packageMonthReads: number;
	/** Every run of every template with changes. */
	packageWorstMonthReads: number;
	builtinMonthReads: number;
	builtinModel: string;
	memory: {
		customers: number;
		peakRssMiB: number;
		baselineRssMiB: number;
		qboCalls: number;
		created: number;
		minutes: number;
	};
}

const FREE_TIER = 500_000;
const ratio = (a: number, b: number) =>
	b === 0 ? (a === 0 ? '—' : '∞') : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;
const cell = (text: string | number, width: number) => String(text).padStart(width);

export function printTable(rows: Row[], month?: MonthFigures): void {
	const out = (line = '') => process.stdout.write(`${line}\n`);
	out(
		`\nSide by side on one n8n 2.41.1, one QBO emulator, same data (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}; Node ${process.version} for the bench, n8n on its own Node 24)`,
	);
	out(
		"Built-in = n8n-nodes-base.quickbooks, unmodified, through an HTTPS proxy to the emulator. Under QuickBooks' real limits (10 requests/s, 500/min, 40 batches/min);",
	);
	out(
		'"to finish" = the built-in run again from the same data with the limits lifted. Reads = CorePlus (metered), writes = Core (free), counted by the emulator.',
	);
	const head = [
		'scenario'.padEnd(44),
		'side'.padEnd(22),
		cell('calls', 7),
		cell('reads', 7),
		cell('writes', 7),
		cell('429s', 6),
		cell('failed', 7),
		cell('wall s', 8),
	].join(' ');
	out(`\n${head}`);
	const line = (label: string, cost: Cost, failed: number | string) =>
		[
			label.padEnd(22),
			cell(cost.calls, 7),
			cell(cost.reads, 7),
			cell(cost.writes, 7),
			cell(cost.throttled, 6),
			cell(failed, 7),
			cell((cost.ms / 1000).toFixed(1), 8),
		].join(' ');
	for (const row of rows) {
		out(
			[
				row.scenario.padEnd(44),
				line('built-in', row.builtin.limited, row.builtin.failedItems),
			].join(' '),
		);
		if (row.builtin.lifted)
			out(['', line('built-in, to finish', row.builtin.lifted, '-')].join(' '.repeat(45)));
		out(
			['', line('this package', row.package.limited, row.package.failedItems)].join(' '.repeat(45)),
		);
		const builtinCost = row.builtin.lifted ?? row.builtin.limited;
		// Lifted limits let the built-in run faster than QuickBooks would ever let it: at QuickBooks' pace its calls take at least this long.
		const pacedMs = Math.max(builtinCost.calls / 10, (builtinCost.calls / 500) * 60) * 1000;
		const paced = row.builtin.lifted
			? `, ${ratio(pacedMs, row.package.limited.ms)} at QuickBooks' pace (its ${builtinCost.calls} calls need ≥ ${(pacedMs / 1000).toFixed(0)} s)`
			: '';
		out(
			`${''.padEnd(45)}→ ${ratio(builtinCost.calls, row.package.limited.calls)} fewer calls, ${ratio(builtinCost.reads, row.package.limited.reads)} fewer metered reads, wall time ${ratio(builtinCost.ms, row.package.limited.ms)} (built-in${row.builtin.lifted ? ' to finish, limits lifted' : ''} / package)${paced}${row.total !== undefined ? `; listed ${row.builtin.done} vs ${row.package.done} of ${row.total}` : ''}`,
		);
	}
	if (!month) return;
	out(
		'\n(d) a month of a reference company (5 000 customers, 500 items; 100 invoices and 80 payments a day; customers, items, invoices and payments templates every 15 minutes)',
	);
	out(
		'a day: 100 invoices, 80 payments, 1 % of customers and of items edited (assumed); 96 runs of each template',
	);
	out(
		[
			'template'.padEnd(44),
			cell('reads/run with', 15),
			cell('reads/run none', 15),
			cell('runs with/day', 14),
			cell('reads/month', 12),
			cell('built-in/month', 15),
		].join(' '),
	);
	for (const t of month.perTemplate)
		out(
			[
				t.template.padEnd(44),
				cell(t.busyReads, 15),
				cell(t.idleReads, 15),
				cell(t.busyRuns, 14),
				cell(t.monthReads.toLocaleString('en-US'), 12),
				cell(t.builtinMonthReads.toLocaleString('en-US'), 15),
			].join(' '),
		);
	const pct = (n: number) => `${((100 * n) / FREE_TIER).toFixed(2)} % of the free tier`;
	out(
		`this package: ${month.packageMonthReads.toLocaleString('en-US')} reads a month = ${pct(month.packageMonthReads)} (${FREE_TIER.toLocaleString('en-US')}); ${month.packageWorstMonthReads.toLocaleString('en-US')} = ${pct(month.packageWorstMonthReads)} if every run of every template had changes`,
	);
	out(
		`built-in:     ${month.builtinMonthReads.toLocaleString('en-US')} reads a month = ${pct(month.builtinMonthReads)} (${month.builtinModel})`,
	);
	const m = month.memory;
	out(
		`\nMemory: a push of ${m.customers.toLocaleString('en-US')} new customers through the customers template (emulator limits, virtual clock): n8n process peak ${m.peakRssMiB.toFixed(0)} MiB RSS (${m.baselineRssMiB.toFixed(0)} MiB before), ${m.created.toLocaleString('en-US')} created, ${m.qboCalls.toLocaleString('en-US')} QuickBooks calls, ${m.minutes.toFixed(1)} min`,
	);
}
