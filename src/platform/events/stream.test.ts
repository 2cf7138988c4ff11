import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMember,
  joinCompany,
  type Member,
  testConfig,
  testFileStore,
} from '../../../test/support/app.ts';
import { useTestDatabase } from '../../../test/support/db.ts';
import { openEventStream } from '../../../test/support/sse.ts';
import { modules } from '../../modules/registry.ts';
import { buildApp } from '../http/app.ts';

const t = useTestDatabase();
let app: FastifyInstance;
let base: string;
let admin: Member;

beforeAll(async () => {
  app = await buildApp({
    config: testConfig(),
    database: t.database,
    logger: pino({ level: 'silent' }),
    modules,
    files: testFileStore(),
    version: 'test',
    heartbeatMs: 100,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  admin = await createMember(t.database);
});
afterAll(async () => {
  await app.close();
});

async function createParty(member: Member, name: string) {
  const response = await fetch(`${base}/api/v1/crm/parties`, {
    method: 'POST',
    headers: { ...member.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'organisation', name, isCustomer: true }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe('the live event stream', () => {
  it("streams the company's events as they commit, with heartbeats", async () => {
    const stream = await openEventStream(`${base}/api/v1/stream`, admin.auth);
    try {
      const party = await createParty(admin, 'Streamed Ltd');
      await stream.waitFor((events) =>
        events.some((e) => e.data.aggregate && (e.data.aggregate as { id: string }).id === party.id),
      );
      const event = stream.events.find((e) => (e.data.aggregate as { id: string }).id === party.id)!;
      expect(event.event).toBe('crm.party.created');
      expect(event.data).toMatchObject({
        type: 'crm.party.created',
        version: 1,
        data: { name: 'Streamed Ltd' },
      });
      await new Promise((r) => setTimeout(r, 250));
      expect(stream.comments).toBeGreaterThan(0);
    } finally {
      await stream.close();
    }
  });

  it('shows nothing of another company', async () => {
    const other = await createMember(t.database);
    const stream = await openEventStream(`${base}/api/v1/stream`, other.auth);
    try {
      await createParty(admin, 'Not Yours');
      const mine = await createParty(other, 'Yours');
      await stream.waitFor((events) =>
        events.some((e) => (e.data.aggregate as { id: string }).id === mine.id),
      );
      expect(stream.events.map((e) => (e.data.data as { name: string }).name)).toEqual(['Yours']);
    } finally {
      await stream.close();
    }
  });

  it("shows nothing a member's role may not read", async () => {
    const boss = await createMember(t.database);
    const clerk = await joinCompany(t.database, boss.companyId, 'hr_manager');
    const watcher = await openEventStream(`${base}/api/v1/stream`, boss.auth);
    const stream = await openEventStream(`${base}/api/v1/stream`, clerk.auth);
    try {
      const party = await createParty(boss, 'Clerk Cannot See');
      await watcher.waitFor((events) =>
        events.some((e) => (e.data.aggregate as { id: string }).id === party.id),
      );
      await new Promise((r) => setTimeout(r, 100));
      expect(stream.events).toEqual([]);
      await watcher.close();
    } finally {
      await stream.close();
    }
  });

  it('resumes after a disconnect from the Last-Event-ID without gaps or repeats', async () => {
    const first = await openEventStream(`${base}/api/v1/stream`, admin.auth);
    const a = await createParty(admin, 'Resume A');
    await first.waitFor((events) => events.some((e) => (e.data.aggregate as { id: string }).id === a.id));
    const lastSeen = first.events.at(-1)!.id;
    await first.close();
    const b = await createParty(admin, 'Resume B');
    const c = await createParty(admin, 'Resume C');
    const resumed = await openEventStream(`${base}/api/v1/stream`, {
      ...admin.auth,
      'last-event-id': lastSeen,
    });
    try {
      const d = await createParty(admin, 'Resume D');
      await resumed.waitFor((events) => events.some((e) => (e.data.aggregate as { id: string }).id === d.id));
      const ids = resumed.events.map((e) => (e.data.aggregate as { id: string }).id);
      expect(ids).toEqual([b.id, c.id, d.id]);
    } finally {
      await resumed.close();
    }
  });

  it('ends open streams when the server shuts down', async () => {
    const other = await buildApp({
      config: testConfig(),
      database: t.database,
      logger: pino({ level: 'silent' }),
      modules,
      files: testFileStore(),
      version: 'test',
    });
    await other.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(other.server.address() as { port: number }).port}/api/v1/stream`;
    const stream = await openEventStream(url, admin.auth);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 50));
    expect(stream.ended).toBe(true);
  });
});
