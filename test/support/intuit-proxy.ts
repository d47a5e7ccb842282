/**
 * Steers a client that only talks to Intuit's hosts (n8n's built-in QuickBooks node hard-codes
 * them) to a local emulator, with the client left untouched: an HTTPS proxy on loopback answers
 * CONNECT, ends TLS with a certificate for Intuit's host names signed by a throw-away CA, and
 * forwards each request over plain HTTP to the emulator, which already serves Intuit's paths.
 * The client process gets `env` (HTTPS_PROXY, NO_PROXY for loopback, NODE_EXTRA_CA_CERTS).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import forge from 'node-forge';

export const INTUIT_HOSTS = [
	'quickbooks.api.intuit.com',
	'sandbox-quickbooks.api.intuit.com',
	'oauth.platform.intuit.com',
	'appcenter.intuit.com',
];

export interface IntuitProxy {
	port: number;
	/** Environment for the client process. */
	env: Record<string, string>;
	/** Every request forwarded: "METHOD host path". */
	forwarded: string[];
	stop(): Promise<void>;
}

function keyPair() {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', {
		modulusLength: 2048,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	});
	return {
		privateKey: forge.pki.privateKeyFromPem(privateKey),
		publicKey: forge.pki.publicKeyFromPem(publicKey),
		privatePem: privateKey,
	};
}

function certificate(
	subject: string,
	keys: ReturnType<typeof keyPair>,
	issuer: { name: string; keys: ReturnType<typeof keyPair> },
	extensions: object[],
) {
	const cert = forge.pki.createCertificate();
	cert.publicKey = keys.publicKey;
	cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
	cert.validity.notBefore = new Date(Date.now() - 60_000);
	cert.validity.notAfter = new Date(Date.now() + 7 * 24 * 3600_000);
	cert.setSubject([{ name: 'commonName', value: subject }]);
	cert.setIssuer([{ name: 'commonName', value: issuer.name }]);
	cert.setExtensions(extensions);
	cert.sign(issuer.keys.privateKey, forge.md.sha256.create());
	return forge.pki.certificateToPem(cert);
}

/** A CA made for this run only, and a server certificate for Intuit's hosts that it signs. */
function certificates(dir: string) {
	const caKeys = keyPair();
	const caName = 'QuickBooks Sync local test CA';
	const caPem = certificate(caName, caKeys, { name: caName, keys: caKeys }, [
		{ name: 'basicConstraints', cA: true },
		{ name: 'keyUsage', keyCertSign: true, cRLSign: true },
	]);
	const leafKeys = keyPair();
	const leafPem = certificate(INTUIT_HOSTS[0], leafKeys, { name: caName, keys: caKeys }, [
		{ name: 'basicConstraints', cA: false },
		{ name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
		{ name: 'extKeyUsage', serverAuth: true },
		{ name: 'subjectAltName', altNames: INTUIT_HOSTS.map((value) => ({ type: 2, value })) },
	]);
	const caFile = path.join(dir, 'intuit-test-ca.crt');
	fs.writeFileSync(caFile, caPem);
	return { caFile, key: leafKeys.privatePem, cert: leafPem };
}

export async function startIntuitProxy(targetUrl: string): Promise<IntuitProxy> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intuit-proxy-'));
	const { caFile, key, cert } = certificates(dir);
	const target = new URL(targetUrl);
	const forwarded: string[] = [];
	const sockets = new Set<Socket>();

	// Decrypted requests: forwarded as they came (method, path, headers, body) to the emulator.
	const tlsSide = https.createServer({ key, cert }, (req, res) => {
		forwarded.push(`${req.method} ${req.headers.host} ${req.url}`);
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: target.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`intuit-proxy: the emulator at ${targetUrl} did not answer: ${error.message}`);
		});
		req.pipe(upstream);
	});

	const proxy = http.createServer((_req, res) => {
		res.writeHead(405, { 'content-type': 'text/plain' });
		res.end('intuit-proxy forwards HTTPS (CONNECT) to Intuit hosts only');
	});
	proxy.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	proxy.on('connect', (req, socket: Socket, head) => {
		const host = String(req.url ?? '').split(':')[0];
		if (!INTUIT_HOSTS.includes(host)) {
			socket.end(`HTTP/1.1 403 Forbidden\r\n\r\nintuit-proxy: ${host} is not an Intuit host\r\n`);
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) socket.unshift(head);
		tlsSide.emit('connection', socket);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const { port } = proxy.address() as AddressInfo;
	const proxyUrl = `http://127.0.0.1:${port}`;
	return {
		port,
		forwarded,
		env: {
			HTTPS_PROXY: proxyUrl,
			https_proxy: proxyUrl,
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: caFile,
		},
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
