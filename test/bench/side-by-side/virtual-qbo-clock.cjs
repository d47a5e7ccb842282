/**
 * Preloaded into the bench's n8n process (NODE_OPTIONS=--require) for runs too long to wait for in
 * real time, like a push of 50 000 customers, which QuickBooks' 40 batches a minute spread over 42
 * minutes. When n8n loads this package's QuickBooks transport, its clock becomes a virtual one: a
 * throttle wait advances it, and the QBO emulator's clock by the same amount, instead of sleeping.
 * The limits still hold in virtual time (the emulator would answer 429 otherwise); only the waiting
 * is skipped. Nothing else in n8n is touched.
 */
const Module = require('node:module');

const emulatorUrl = process.env.BENCH_QBO_EMULATOR_URL;
let offsetMs = 0;
let patched = false;

const load = Module._load;
Module._load = function (request, parent, isMain) {
	const exported = load.call(this, request, parent, isMain);
	const timing = exported && exported.transportTiming;
	if (
		!patched &&
		timing &&
		typeof timing.sleep === 'function' &&
		String(request).includes('transport')
	) {
		patched = true;
		timing.now = () => Date.now() + offsetMs;
		timing.sleep = async (ms) => {
			offsetMs += ms;
			await fetch(`${emulatorUrl}/__admin/clock`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ advanceMs: ms }),
			});
		};
	}
	return exported;
};
