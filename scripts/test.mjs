// `npm test`: builds (the workflow and e2e layers load dist/ exactly as n8n does), then runs the
// unit, workflow and e2e layers in one jest run. The summary reporter prints "N passed, N failed".
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
import { spawnSync } from 'node:child_process';

function step(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

step('npm', ['run', '--silent', 'build']);
// --runInBand: the e2e layer starts a real n8n (about 600 MB); layers are run one after another.
step('npx', ['jest', '--runInBand', ...process.argv.slice(2)]);
