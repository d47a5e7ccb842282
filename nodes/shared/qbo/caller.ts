/**
 * What the pure QBO helpers need from a transport: one call that resolves with the JSON body or
 * throws. The node's transport provides it (throttle, retries and auth included); tests provide
 * a plain fetch against the emulator.
 */
export interface QboCallRequest {
	method: 'GET' | 'POST';
	/** Below /v3/company/{realmId}/ */
	path: string;
	qs?: Record<string, string>;
	body?: Record<string, unknown> | string;
	idempotencyKey?: string;
	batchItems?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type QboJson = Record<string, any>;

export type QboCall = (request: QboCallRequest) => Promise<QboJson>;

/** The QBO fault codes carried by an error thrown by a QboCall (NodeApiError keeps them in errorResponse). */
export function faultCodesOf(error: unknown): string[] {
	const holder = error as {
		errorResponse?: { fault?: { errors?: Array<{ code?: string }> } };
		fault?: { errors?: Array<{ code?: string }> };
	};
	const errors = holder?.errorResponse?.fault?.errors ?? holder?.fault?.errors ?? [];
	return errors.map((e) => String(e.code ?? ''));
}
