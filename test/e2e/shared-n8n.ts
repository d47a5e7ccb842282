/**
 * One n8n for the template e2e files (issue: half the suite's time went to starting an n8n per
 * file). Jest's globalSetup starts it with this package installed from `npm pack`; each file
 * attaches to it, imports its credentials and template with fixed ids (files run one at a time,
 * so a file replaces what the one before imported) and starts from an empty sync state.
 * globalTeardown stops it. Files that need an n8n of their own (other settings, restarts, queue
 * mode, the playground) still start one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	attachN8n,
	ensureRuntime,
	installPackage,
	packPackage,
	startN8n,
	type N8nServer,
	type N8nServerDescriptor,
} from '../../scripts/n8n-server';

const DESCRIPTOR_VARIABLE = 'QBO_SYNC_E2E_SHARED_N8N';

interface SharedN8n {
	descriptor: N8nServerDescriptor;
	workDir: string;
}

/** globalSetup: installs the runtime when missing, the package, and starts n8n. */
export async function startSharedN8n(): Promise<N8nServer> {
	ensureRuntime();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-shared-'));
	const userFolder = path.join(workDir, 'n8n-user');
	const { tarball } = await packPackage(path.join(workDir, 'pkg'));
	await installPackage(userFolder, tarball);
	const n8n = await startN8n({
		userFolder,
		logFile: path.join(workDir, 'n8n.log'),
		logLevel: 'info',
	});
	const shared: SharedN8n = { descriptor: n8n.descriptor, workDir };
	// Test files get their own copy of process.env, made after this runs: they see the variable.
	process.env[DESCRIPTOR_VARIABLE] = JSON.stringify(shared);
	return n8n;
}

/** globalTeardown: stops it and removes its folder (kept with KEEP_E2E=1, with its log). */
export async function stopSharedN8n(): Promise<void> {
	const shared = sharedDescriptor();
	if (!shared) return;
	await attachN8n(shared.descriptor).stop();
	if (!process.env.KEEP_E2E) fs.rmSync(shared.workDir, { recursive: true, force: true });
}

/** In a test file: the n8n globalSetup started. */
export function sharedN8n(): N8nServer {
	const shared = sharedDescriptor();
	if (!shared)
		throw new Error(
			`No shared n8n: run the e2e layer through jest's e2e project (its globalSetup starts one), e.g. npm test -- --selectProjects e2e`,
		);
	return attachN8n(shared.descriptor);
}

/** The sync state file of the shared n8n (regular mode keeps state in one file in its user folder). */
export function sharedStateFile(n8n: N8nServer): string {
	return path.join(n8n.userFolder, '.n8n', 'quickbooks-sync-state.json');
}

function sharedDescriptor(): SharedN8n | undefined {
	const text = process.env[DESCRIPTOR_VARIABLE];
	return text ? (JSON.parse(text) as SharedN8n) : undefined;
}
