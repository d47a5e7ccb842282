// n8n-core logs every node error it handles; the assertions already cover them in the workflow layer.
process.env.N8N_LOG_LEVEL ??= 'silent';
