// Each test file keeps the sync state (cursors, issue queue) in a file of its own, never in the user's n8n folder.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.QUICKBOOKS_SYNC_STATE = `file:${path.join(tmpdir(), `quickbooks-sync-state-test-${randomUUID()}.json`)}`;
