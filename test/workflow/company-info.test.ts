import { callsOf, emulatorCredential, useQboEmulator } from '../support/emulator-credential';
import { runWorkflow } from '../support/workflow-harness';
import workflow from './company-info.workflow.json';

describe('workflow: QuickBooks Sync → Company Info (in-process n8n-core)', () => {
	const emulator = useQboEmulator();

	it('reads the connected company through the OAuth2 credential', async () => {
		const qbo = emulatorCredential(emulator());
		const run = await runWorkflow(workflow, {
			credentials: { quickBooksSyncOAuth2Api: qbo.data },
		});
		expect(run.nodeError('Company Info')).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.output('Company Info')).toEqual([
			expect.objectContaining({
				CompanyName: qbo.companyName,
				Country: 'US',
				realmId: qbo.realmId,
			}),
		]);
		// One read, with the credential's bearer token and minor version 75.
		expect(callsOf(emulator())).toEqual(['GET /companyinfo/:id 200 Bearer minorversion=75']);
	});
});
