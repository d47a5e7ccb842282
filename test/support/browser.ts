/**
 * A real Chromium for the browser tests: Debian's `chromium` package (never a browser download).
 * When it is missing and this machine can install Debian packages (root with apt-get, as on CI),
 * it is installed the first time; otherwise the tests that need it say why and are skipped, never
 * counted as passed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
].filter((p): p is string => !!p);

const found = () => CANDIDATES.find((p) => fs.existsSync(p));

/** The path of a Chromium to drive, installing Debian's package when possible; or why there is none. */
export function ensureChromium(
	log: (line: string) => void,
): { path: string } | { skipped: string } {
	const present = found();
	if (present) return { path: present };
	const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((p) => fs.existsSync(p));
	if (!aptGet)
		return {
			skipped:
				'no Chromium on this machine and no apt-get to install Debian\'s "chromium" package; set CHROMIUM_PATH to a Chromium to run the browser tests',
		};
	if (process.getuid?.() !== 0)
		return {
			skipped:
				'no Chromium on this machine; install Debian\'s "chromium" package (sudo apt-get install chromium) or set CHROMIUM_PATH',
		};
	log('installing Debian\'s "chromium" package (about a minute, once) ...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
		const result = spawnSync(aptGet, args, { env, encoding: 'utf8' });
		if (result.status !== 0)
			return {
				skipped: `apt-get ${args.join(' ')} failed (${result.status}): ${(result.stderr || result.stdout).slice(-500)}`,
			};
	}
	const installed = found();
	if (!installed)
		return { skipped: 'apt-get installed "chromium" but no chromium binary was found' };
	log(`installed ${execFileSync(installed, ['--version'], { encoding: 'utf8' }).trim()}`);
	return { path: installed };
}
