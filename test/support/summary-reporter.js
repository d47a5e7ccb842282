// Prints the closing line of a jest run: "N passed, N failed" summed over its layers. Under
// `npm test`, which runs jest twice (scripts/test.mjs), each run's line names its layers and
// the line CI reads, over every layer, is printed last by scripts/test.mjs.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		const counts = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
		const phase = process.env.QBO_SYNC_TEST_PHASE;
		process.stdout.write(`\n${phase ? `${phase}: ${counts}` : counts}\n`);
	}
}
module.exports = SummaryReporter;
