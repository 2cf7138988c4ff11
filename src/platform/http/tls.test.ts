import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMember, TEST_PASSWORD, testConfig, testFileStore } from '../../../test/support/app.ts';
import { useTestDatabase } from '../../../test/support/db.ts';
import { modules } from '../../modules/registry.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { buildApp } from './app.ts';
import { selfSignedCertificate } from './self-signed.ts';
import { selfSignedInDataDir } from './tls.ts';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

// A real TLS handshake that trusts only the given certificate, as a till told to trust it would.
function httpsCall(url: string, ca: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(
      url,
      {
        ca,
        method: init.method ?? 'GET',
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('tandem serve over TLS', () => {
  const db = useTestDatabase();
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  async function listening(env: Record<string, string>) {
    const app = await buildApp({
      config: testConfig(env),
      database: db.database,
      logger: pino({ level: 'silent' }),
      modules,
      files: testFileStore(),
      version: 'test',
    });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `https://localhost:${(app.server.address() as AddressInfo).port}`;
  }

  it('generates a self-signed certificate into the data dir, serves https with it and keeps it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-tls-'));
    const url = await listening({ TANDEM_TLS: 'self-signed', TANDEM_DATA_DIR: dataDir });
    const cert = readFileSync(path.join(dataDir, 'tls/self-signed-cert.pem'), 'utf8');
    const x509 = new X509Certificate(cert);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.verify(x509.publicKey)).toBe(true);
    const health = await httpsCall(`${url}/healthz`, cert);
    expect(health.status).toBe(200);
    // The next start serves the same certificate, so a browser that trusts it goes on trusting it.
    const again = selfSignedInDataDir(dataDir, 'https://localhost:3000');
    expect(again.cert).toBe(cert);
  });

  it('serves a configured certificate, and sets session cookies Secure over https', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-tls-files-'));
    const made = selfSignedCertificate(['localhost']);
    writeFileSync(path.join(dir, 'cert.pem'), made.cert);
    writeFileSync(path.join(dir, 'key.pem'), made.key);
    const url = await listening({
      TANDEM_TLS_CERT: path.join(dir, 'cert.pem'),
      TANDEM_TLS_KEY: path.join(dir, 'key.pem'),
    });
    const member = await createMember(db.database);
    const signIn = await httpsCall(`${url}/api/v1/auth/sessions`, made.cert, {
      method: 'POST',
      body: { email: member.email, password: TEST_PASSWORD, cookie: true },
    });
    expect(signIn.status).toBe(201);
    const cookies = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('tandem_session='))).toMatch(/; Secure/);
    // A client that does not trust this certificate is refused at the handshake.
    await expect(httpsCall(`${url}/healthz`, selfSignedCertificate().cert)).rejects.toThrow();
  });

  it('refuses a certificate without its key, or both kinds at once', () => {
    const made = path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-tls-bad-')), 'cert.pem');
    writeFileSync(made, 'x');
    expect(() => loadConfig({ TANDEM_TLS_CERT: made })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ TANDEM_TLS_CERT: made, TANDEM_TLS_KEY: made, TANDEM_TLS: 'self-signed' }),
    ).toThrow(/not both/);
    expect(() => loadConfig({ TANDEM_TLS_CERT: '/nowhere/cert.pem' })).toThrow(/names no file/);
    expect(loadConfig({ TANDEM_TLS: 'self-signed', PORT: '8443' }).publicUrl).toBe('https://localhost:8443');
  });
});
