import { startSharedN8n } from './shared-n8n';

export default async function globalSetup(): Promise<void> {
	await startSharedN8n();
}
