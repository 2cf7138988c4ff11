import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMember, testConfig, testFileStore, useTestApp } from '../../../test/support/app.ts';
import { modules } from '../../modules/registry.ts';
import { readMigrations } from '../db/migrate.ts';
import { buildApp } from './app.ts';

const t = useTestApp();

async function appWith(overrides: Record<string, string>) {
  const app = await buildApp({
    config: testConfig(overrides),
    database: t.database,
    logger: pino({ level: 'silent' }),
    modules,
    files: testFileStore(),
    version: 'test',
  });
  await app.ready();
  return app;
}

describe('operations endpoints', () => {
  it('readyz is 503 and names the migration when the database is behind the code', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
    const last = readMigrations().at(-1)!.tag;
    await t.database.transaction((db) => db.execute(sql`delete from tandem_migrations where tag = ${last}`));
    try {
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', detail: `pending migrations: ${last}` });
    } finally {
      const hash = readMigrations().at(-1)!.hash;
      await t.database.transaction((db) =>
        db.execute(sql`insert into tandem_migrations (tag, hash) values (${last}, ${hash})`),
      );
    }
  });

  it('metrics count requests per route and status', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    await t.app.inject({ method: 'GET', url: '/no/such/route' });
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/tandem_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(metrics).toMatch(/tandem_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
  });
});

describe('the global rate limit', () => {
  it('answers 429 problem+json past the limit, counted per credential', async () => {
    const app = await appWith({ TANDEM_RATE_LIMIT_MAX: '3' });
    try {
      const a = await createMember(t.database);
      const b = await createMember(t.database);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await app.inject({ method: 'GET', url: '/api/v1/crm/parties', headers: a.auth })).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await app.inject({ method: 'GET', url: '/api/v1/crm/parties', headers: a.auth });
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(limited.json().code).toBe('platform.rate_limited');
      expect(limited.headers['retry-after']).toBeDefined();
      // Another credential from the same address has its own allowance.
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/crm/parties', headers: b.auth })).statusCode,
      ).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('sign-in rate limit', () => {
  it('counts per address, whatever token the caller makes up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sessions',
        headers: { authorization: `Bearer made-up-${i}` },
        // A new address each time: one address would be locked after 5 failures (throttle.ts).
        payload: { email: `nobody-${i}@example.test`, password: 'wrong password' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
