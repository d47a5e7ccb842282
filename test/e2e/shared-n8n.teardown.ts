import { stopSharedN8n } from './shared-n8n';

export default async function globalTeardown(): Promise<void> {
	await stopSharedN8n();
}
