/** `npm run emulator -- --port 9400 [--realms 2] [--latency 150] [--empty]`: the emulator as a process. */
import { DEFAULT_CLIENT, startQboEmulator } from './index';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const realms = Number(arg('realms') ?? 1);
	const emulator = await startQboEmulator({
		port: Number(arg('port') ?? process.env.QBO_EMULATOR_PORT ?? 9400),
		host: arg('host') ?? '127.0.0.1',
		latencyMs: arg('latency') ? Number(arg('latency')) : 0,
		realms: Array.from({ length: realms }, (_, i) => ({
			seed: process.argv.includes('--empty') ? ('empty' as const) : ('sandbox' as const),
			companyName: i === 0 ? undefined : `Sandbox Company_US_${i + 1}`,
		})),
	});
	const lines = [
		`QuickBooks Online emulator listening on ${emulator.url}`,
		`  API base URL:    ${emulator.url}  (paths /v3/company/{realmId}/...)`,
		`  Realm ids:       ${emulator.realmIds.join(', ')}`,
		`  OAuth client id: ${DEFAULT_CLIENT.clientId}`,
		`  OAuth secret:    ${DEFAULT_CLIENT.clientSecret}`,
		`  Authorize URL:   ${emulator.url}/connect/oauth2`,
		`  Token URL:       ${emulator.url}/oauth2/v1/tokens/bearer`,
		`  Admin:           ${emulator.url}/__admin  (see test/emulators/qbo/README.md)`,
	];
	console.log(lines.join('\n'));
	const shutdown = () => void emulator.stop().then(() => process.exit(0));
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
