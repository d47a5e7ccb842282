/** `npm run field-app -- --port 9500 [--empty]`: the reference field-service app as a process. */
import { startFieldApp } from './index';

const arg = (name: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
};

startFieldApp({
	port: Number(arg('port') ?? process.env.FIELD_APP_PORT ?? 9500),
	host: arg('host') ?? '127.0.0.1',
	seed: !process.argv.includes('--empty'),
})
	.then((app) => {
		console.log(`Field-service app emulator listening on ${app.url}`);
		console.log(`  API:     ${app.url}/v1/{resource}  (docs/app-contract.md)`);
		console.log(`  API key: ${app.apiKey}  (header X-Api-Key)`);
		console.log(`  Admin:   ${app.url}/__admin  (test/emulators/field-app/README.md)`);
		const stop = () => void app.stop().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	})
	.catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
