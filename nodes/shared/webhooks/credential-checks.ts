/**
 * Local checks for the two webhook credentials. Neither can be tested with a request (Intuit has
 * no endpoint that checks a verifier token; the sending tool holds the other secret), so the test
 * says what it checked and what it cannot know.
 */
export type CredentialCheck = { status: 'OK' | 'Error'; message: string };

export function checkVerifierToken(token: unknown): CredentialCheck {
	const value = typeof token === 'string' ? token.trim() : '';
	if (!value)
		return {
			status: 'Error',
			message:
				'The verifier token is empty. Copy it from the Intuit Developer portal: your app → Webhooks → "Show verifier token".',
		};
	if (value !== token)
		return {
			status: 'Error',
			message:
				'The verifier token starts or ends with spaces; paste it again without them (the signature is computed over the exact token).',
		};
	if (value.length < 16)
		return {
			status: 'Error',
			message: `The verifier token has ${value.length} characters; Intuit's tokens are longer. Copy the whole token from the portal.`,
		};
	return {
		status: 'OK',
		message:
			'The verifier token is set. Whether it is the right one shows on the first delivery: a wrong token is answered 401 and logged.',
	};
}

export function checkSyncWebhookAuth(data: {
	secret?: unknown;
	user?: unknown;
	password?: unknown;
}): CredentialCheck {
	const secret = typeof data.secret === 'string' ? data.secret : '';
	const hasBasic =
		typeof data.user === 'string' &&
		data.user !== '' &&
		typeof data.password === 'string' &&
		data.password !== '';
	if (!secret && !hasBasic)
		return {
			status: 'Error',
			message:
				'Enter a secret (for HMAC signatures or a shared-secret header) or a user and password (for basic auth).',
		};
	if (secret && secret.length < 16)
		return {
			status: 'Error',
			message: `The secret has ${secret.length} characters; use at least 16 so it cannot be guessed.`,
		};
	return {
		status: 'OK',
		message: `Set: ${[secret ? 'a secret' : '', hasBasic ? 'a user and password' : ''].filter(Boolean).join(' and ')}. The sending tool must use the same.`,
	};
}
