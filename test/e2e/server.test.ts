import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, openFileDatabase } from '../support/db.ts';
import { type RunningServer, runTandem, startServer } from '../support/server.ts';

async function signIn(url: string, email: string, password: string) {
  const response = await fetch(`${url}/api/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

function adminLogin(output: string) {
  const email = /Sign in as:\s+(\S+)/.exec(output)?.[1];
  const password = /Password:\s+(\S+)/.exec(output)?.[1];
  if (!email || !password) throw new Error(`no admin login printed:\n${output}`);
  return { email, password };
}

describe.skipIf(onPostgres)('tandem serve on the embedded database', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-serve-'));
    server = await startServer({ TANDEM_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on a new data directory with the demo business and prints the admin login', async () => {
    expect(server.output()).toMatch(/applying migration/);
    const { email, password } = adminLogin(server.output());
    const token = await signIn(server.url, email, password);
    const parties = await fetch(`${server.url}/api/v1/crm/parties?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(parties.status).toBe(200);
    expect(((await parties.json()) as { data: unknown[] }).data.length).toBeGreaterThanOrEqual(20);
  });

  it('answers health, readiness, metrics and the API reference', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/tandem_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
    expect(metrics).toMatch(/tandem_http_request_duration_seconds_bucket/);
    expect(metrics).toMatch(/tandem_db_pool_connections/);
    expect((await fetch(`${server.url}/api/docs/`)).status).toBe(200);
  });

  it('serves a valid OpenAPI document, problem+json errors and idempotent replays over real HTTP', async () => {
    const document = await (await fetch(`${server.url}/api/openapi.json`)).json();
    const validation = await validate(document as Parameters<typeof validate>[0]);
    if (!validation.valid) throw new Error(compileErrors(validation));
    const { email, password } = adminLogin(server.output());
    const auth = {
      authorization: `Bearer ${await signIn(server.url, email, password)}`,
      'content-type': 'application/json',
    };
    const bad = await fetch(`${server.url}/api/v1/crm/parties`, {
      method: 'POST',
      headers: auth,
      body: '{"kind":',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await bad.json()) as { code: string }).code).toBe('platform.malformed_json');
    const body = JSON.stringify({ kind: 'person', name: 'Idem Potent', isCustomer: true });
    const headers = { ...auth, 'idempotency-key': 'e2e-replay' };
    const first = await fetch(`${server.url}/api/v1/crm/parties`, { method: 'POST', headers, body });
    const second = await fetch(`${server.url}/api/v1/crm/parties`, { method: 'POST', headers, body });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const second = await runTandem(['serve'], { TANDEM_DATA_DIR: dataDir, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /tandem: the data directory .* is in use by another Tandem process \(pid \d+\)/,
    );
  });

  it('finishes a request in flight when told to stop, then exits cleanly; the next start reuses the data', async () => {
    const { email, password } = adminLogin(server.output());
    const token = await signIn(server.url, email, password);
    const body = JSON.stringify({ kind: 'organisation', name: 'Late Arrival', isCustomer: true });
    const request = http.request(`${server.url}/api/v1/crm/parties`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    request.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 300));
    const exit = server.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    request.end(body.slice(10));
    const [response] = (await once(request, 'response')) as [http.IncomingMessage];
    expect(response.statusCode).toBe(201);
    expect(await exit).toBe(0);

    server = await startServer({ TANDEM_DATA_DIR: dataDir });
    expect(server.output()).not.toMatch(/applying migration|Password:/);
    const again = await signIn(server.url, email, password);
    const found = await fetch(`${server.url}/api/v1/crm/parties?q=Late%20Arrival`, {
      headers: { authorization: `Bearer ${again}` },
    });
    expect(((await found.json()) as { data: unknown[] }).data).toHaveLength(1);
  });
});

// These do not depend on the test database, so they run once, in the embedded run.
describe.skipIf(onPostgres)('tandem serve refuses bad configuration with one clear line', () => {
  it('a DATABASE_URL that is not a PostgreSQL URL', async () => {
    const result = await runTandem(['serve'], { DATABASE_URL: 'mysql://localhost/db' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'tandem: invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
  });

  it('a database that cannot be reached', async () => {
    const result = await runTandem(['serve'], { DATABASE_URL: 'postgres://tandem@127.0.0.1:1/tandem' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tandem: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/tandem: /);
  });

  it('a data directory that cannot be written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-nowrite-'));
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    const result = await runTandem(['serve'], { TANDEM_DATA_DIR: path.join(file, 'data') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tandem: the data directory .* is not writable/);
    await rm(dir, { recursive: true, force: true });
  });

  it('a port already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-port-'));
    const result = await runTandem(['serve'], {
      TANDEM_DATA_DIR: dir,
      TANDEM_DEMO: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`tandem: port ${port} is already in use`));
    await rm(dir, { recursive: true, force: true });
  });

  it('a value out of range', async () => {
    const result = await runTandem(['serve'], { PORT: '70000' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tandem: invalid configuration: PORT/);
  });
});

describe.skipIf(!onPostgres)('tandem on a PostgreSQL server', () => {
  it('serves the same API; the demo loads only when asked', async () => {
    const test = await openFileDatabase();
    try {
      const env = { DATABASE_URL: test.url! };
      const server = await startServer(env);
      try {
        expect(server.output()).not.toMatch(/Password:/);
        expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ok' });
        const demo = await runTandem(['demo', '--company-name', 'PG Demo'], env);
        expect(demo.code).toBe(0);
        const password = /sign in: \S+ \/ (\S+)/.exec(demo.stderr)?.[1];
        expect(password).toBeTruthy();
        const token = await signIn(server.url, 'admin@demo.tandem.test', password!);
        const parties = await fetch(`${server.url}/api/v1/crm/parties`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(((await parties.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
        const check = await runTandem(['check'], env);
        expect(check.code).toBe(0);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await test.dispose();
    }
  });
});
