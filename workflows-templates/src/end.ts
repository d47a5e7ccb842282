/** How every template ends: the write-back, the cursor, the issues, the summary and the red stop. */
import { node, noOp, type Extra, type TemplateNode } from './nodes';
import { appWrite, pullWrites } from './app-side';
import { commitCursor } from './start';

/**
 * The run's summary item, which leads to the red stop: placed below the other branches of the
 * node that feeds it, because n8n (v1 order) runs sibling branches top to bottom.
 */
export const runSummary = (name = 'Run summary'): TemplateNode => ({
	...noOp(name, { next: 'Anything to fix?' }),
	runsLast: true,
});

/** How many records need a fix in a run, from its summary item (history import adds two summaries). */
const ISSUES = '$json.issues ?? 0';

/**
 * The end of every run: Run summary → "Anything to fix?" → (the e-mail, shipped off) → a red stop
 * that names the fix, after every other branch has written.
 */
export function issueOutputs(
	options: { count?: string; issueNodes?: string[] } = {},
): TemplateNode[] {
	const count = options.count ?? ISSUES;
	const issueNodes = options.issueNodes ?? ['Issues to fix'];
	const listed = issueNodes
		.map(
			(n) =>
				`($('${n}').isExecuted ? $('${n}').all().map(i => '- ' + i.json.reason + ' Fix: ' + i.json.fix).join('\\n') : '')`,
		)
		.join(" + '\\n' + ");
	const where = issueNodes.map((n) => `"${n}"`).join(' and ');
	return [
		node(
			'Anything to fix?',
			'n8n-nodes-base.if',
			2.2,
			{
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [
						{
							id: 'issues-to-fix',
							leftValue: `={{ ${count} }}`,
							rightValue: 0,
							operator: { type: 'number', operation: 'gt' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
			{ outputs: [['E-mail the issues (off)'], []] },
		),
		node(
			'E-mail the issues (off)',
			'n8n-nodes-base.emailSend',
			2.1,
			{
				fromEmail: 'sync@example.com',
				toEmail: 'admin@example.com',
				subject: `={{ ${count} }} records need a fix: {{ $workflow.name }}`,
				emailFormat: 'text',
				text: `={{ ${count} }} records were not synced by "{{ $workflow.name }}" (execution {{ $execution.id }}); everything else was written.\n\n{{ ${listed} }}`,
				options: {},
			},
			{ disabled: true, next: 'Stop: records need a fix' },
		),
		node('Stop: records need a fix', 'n8n-nodes-base.stopAndError', 1, {
			errorMessage: `={{ ${count} }} records were not synced and need a fix; everything else was written. Open this execution's ${where} for each record, the reason and the fix.`,
		}),
	];
}

/**
 * The end of a push: the engine's outputs (writes, issues, summary) → the app write-back, then
 * the cursor once it succeeded; the issue list; the summary and the issue outputs.
 */
export function pushOutputs(write: string): Extra {
	return { outputs: [[write], ['Issues to fix'], ['Run summary']] };
}
export function pushEnd(resource: string, syncNode: string, write: string): TemplateNode[] {
	return [
		appWrite(write, { alwaysOutputData: true, next: 'Commit cursor' }),
		commitCursor(resource, syncNode),
		noOp('Issues to fix'),
		runSummary(),
		...issueOutputs(),
	];
}

/** The end of a pull: its app writes, the issue list, the cursor, the summary and the issue outputs. */
export function pullEnd(resource: string): TemplateNode[] {
	return [
		...pullWrites(),
		noOp('Issues to fix'),
		commitCursor(resource),
		runSummary(),
		...issueOutputs(),
	];
}
