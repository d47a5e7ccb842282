/**
 * n8n's built-in QuickBooks node (`n8n-nodes-base.quickbooks`), unmodified, on a real n8n against
 * the QBO emulator: its hard-coded Intuit hosts reach the emulator through the local Intuit proxy,
 * its credential is a `quickBooksOAuth2Api` whose token the emulator issued. Shared by the e2e
 * test that proves the emulator serves it and by the side-by-side bench.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { N8nServer } from '../../scripts/n8n-server';
import { DEFAULT_CLIENT, type QboEmulator } from '../emulators/qbo';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const BUILTIN_CREDENTIAL = { id: 'credBuiltinQbo01', name: 'QuickBooks (built-in)' };

/** The built-in node's credential as n8n stores it after "Connect my account" (sandbox). */
export function builtinCredential(qbo: QboEmulator, realmId: string, accessToken?: string): Json {
	const grant = qbo.admin.token(realmId);
	return {
		...BUILTIN_CREDENTIAL,
		type: 'quickBooksOAuth2Api',
		data: {
			clientId: DEFAULT_CLIENT.clientId,
			clientSecret: DEFAULT_CLIENT.clientSecret,
			environment: 'sandbox',
			oauthTokenData: {
				access_token: accessToken ?? String(grant.access_token),
				refresh_token: String(grant.refresh_token),
				token_type: 'bearer',
				expires_in: 3600,
				x_refresh_token_expires_in: 8726400,
				callbackQueryString: { realmId },
			},
		},
	};
}

/** A built-in QuickBooks node as the editor saves it. */
export function builtinNode(
	name: string,
	parameters: Json,
	position: [number, number],
	extra: Json = {},
): Json {
	return {
		id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
		name,
		type: 'n8n-nodes-base.quickbooks',
		typeVersion: 1,
		position,
		parameters,
		credentials: { quickBooksOAuth2Api: BUILTIN_CREDENTIAL },
		...extra,
	};
}

/** Imports credentials and workflows into a running n8n through its CLI, as an admin's files would be. */
export async function importIntoN8n(
	n8n: N8nServer,
	workDir: string,
	credentials: Json[],
	workflows: Json[],
): Promise<void> {
	const credentialsFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
	const imports = [['import:credentials', `--input=${credentialsFile}`]];
	for (const workflow of workflows) {
		const file = path.join(workDir, `workflow-${workflow.id}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		imports.push(['import:workflow', `--input=${file}`]);
	}
	for (const args of imports) {
		const result = await n8n.cli(args);
		if (result.code !== 0)
			throw new Error(`n8n ${args[0]} failed: ${result.stdout}${result.stderr}`);
	}
}

/** The items a node put out on its first output in a run (n8n execute's run JSON). */
export function nodeOutput(run: Json, name: string): Json[] {
	return ((run.data?.resultData?.runData?.[name]?.[0]?.data?.main?.[0] ?? []) as Json[]).map(
		(item) => item.json,
	);
}

/** The error a node stopped with in a run, if any. */
export function nodeError(run: Json, name: string): string | undefined {
	const error = run.data?.resultData?.runData?.[name]?.[0]?.error;
	return error ? String(error.message ?? error.description ?? JSON.stringify(error)) : undefined;
}
