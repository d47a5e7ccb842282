/**
 * The benchmarks' simulated QuickBooks: the emulator with QBO's real limits on a frozen clock that
 * is also the transport's clock, every request taking `latencyMs` of it (overlapping when several are
 * in flight), throttle waits advancing it instead of sleeping. "QBO time" is then what the same calls would take against QuickBooks.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { transportTiming } from '../../nodes/shared/qbo/transport';
import { resetThrottles } from '../../nodes/shared/qbo/throttle';
import type { QboEmulator } from '../emulators/qbo';
import { fakeExecuteFunctions } from '../support/fake-execute-functions';

export interface Measured {
	calls: number;
	throttled: number;
	qboSeconds: number;
	realSeconds: number;
}

export function simulateTime(emulator: QboEmulator): void {
	const clock = emulator.admin.clock;
	clock.freeze(true);
	transportTiming.now = () => clock.now();
	transportTiming.sleep = async (ms: number) => clock.advance(ms);
}

/** Runs a node's execute() against the emulator with per-request latency on the virtual clock. */
export async function measureNode(
	emulator: QboEmulator,
	realmId: string,
	latencyMs: number,
	run: (context: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
	options: { parameters: IDataObject | IDataObject[]; items: INodeExecutionData[] },
): Promise<{ measured: Measured; output: INodeExecutionData[][] }> {
	const clock = emulator.admin.clock;
	emulator.admin.resetLog();
	resetThrottles();
	emulator.admin.throttle.reset();
	const credentials = {
		environment: 'sandbox',
		customBaseUrl: emulator.url,
		realmId: '',
		oauthTokenData: {
			access_token: emulator.admin.token(realmId, { expiresIn: 10 * 24 * 3600 }).access_token,
			callbackQueryString: { realmId },
		},
	};
	const context = fakeExecuteFunctions({
		parameters: options.parameters,
		credentials,
		items: options.items,
		continueOnFail: true,
	}) as IExecuteFunctions & {
		helpers: {
			httpRequestWithAuthentication: (
				type: string,
				options: IHttpRequestOptions,
			) => Promise<unknown>;
		};
	};
	const send = context.helpers.httpRequestWithAuthentication;
	// Each request ends `latencyMs` after it started: requests in flight together overlap, as on a network.
	context.helpers.httpRequestWithAuthentication = async (type, requestOptions) => {
		const started = clock.now();
		const answer = await send(type, requestOptions);
		const late = started + latencyMs - clock.now();
		if (late > 0) clock.advance(late);
		return answer;
	};
	const startedVirtual = clock.now();
	const startedReal = Date.now();
	const output = await run(context);
	return {
		measured: {
			calls: emulator.admin.counters.total,
			throttled: emulator.admin.counters.throttled,
			qboSeconds: (clock.now() - startedVirtual) / 1000,
			realSeconds: (Date.now() - startedReal) / 1000,
		},
		output,
	};
}
