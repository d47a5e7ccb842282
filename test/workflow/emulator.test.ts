/**
 * The node inside n8n-core's WorkflowExecute against the QBO emulator: the OAuth2 credential's
 * expired access token is refreshed by n8n at the emulator's token endpoint (the rotated token is
 * persisted), then a customer is created-or-updated and invoiced with expressions between nodes.
 */
import { DEFAULT_CLIENT, startQboEmulator, type QboEmulator } from '../emulators/qbo';
import { qboCredential } from '../support/credentials';
import { runWorkflow } from '../support/workflow-harness';
import workflow from './customer-invoice.workflow.json';

let emulator: QboEmulator;
let realmId: string;

beforeAll(async () => {
	emulator = await startQboEmulator({ port: 0 });
	realmId = emulator.realmIds[0];
});
afterAll(() => emulator.stop());

it('refreshes an expired token at the emulator, upserts the customer and invoices it', async () => {
	const grant = emulator.admin.token(realmId, { expiresIn: 0 });
	const credential = qboCredential(emulator.url, realmId, {
		clientId: DEFAULT_CLIENT.clientId,
		clientSecret: DEFAULT_CLIENT.clientSecret,
		oauthTokenData: {
			access_token: String(grant.access_token),
			refresh_token: String(grant.refresh_token),
			token_type: 'bearer',
			expires_in: 0,
			callbackQueryString: { realmId },
		},
	});
	const input = [
		{ name: 'Harbor Dental Group', email: 'billing@harbordental.example' },
		{ name: 'Cool Cars', email: 'Cool_Cars@intuit.com' },
	];
	const run = await runWorkflow(workflow, {
		credentials: { quickBooksSyncOAuth2Api: credential },
		input,
	});
	expect(run.nodeError('Customer')).toBeUndefined();
	expect(run.nodeError('Invoice')).toBeUndefined();
	expect(run.output('Customer').map((c) => [c.displayName, c.upsert])).toEqual([
		['Harbor Dental Group', 'created'],
		['Cool Cars', 'updated'],
	]);
	const invoices = run.output('Invoice');
	expect(invoices.map((i) => [i.customerName, i.total])).toEqual([
		['Harbor Dental Group', 150],
		['Cool Cars', 150],
	]);
	const update = run.credentialsHelper.updates.at(-1)?.oauthTokenData as {
		access_token: string;
		refresh_token: string;
	};
	expect(update.access_token).not.toBe(grant.access_token);
	expect(update.refresh_token).not.toBe(grant.refresh_token);
	// A second run with the same idempotency keys writes no new invoice.
	const again = await runWorkflow(workflow, {
		credentials: { quickBooksSyncOAuth2Api: { ...credential, oauthTokenData: update } },
		input,
	});
	expect(again.nodeError('Customer')?.message).toBeUndefined();
	expect(again.nodeError('Invoice')?.message).toBeUndefined();
	expect(again.output('Invoice').map((i) => i.id)).toEqual(invoices.map((i) => i.id));
	// Real time: the node's throttle paces at QBO's 10 requests a second; a guard, not a speed goal.
}, 60_000);
