import { sql } from 'drizzle-orm';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMember, type Member, testConfig, testFileStore } from '../../../test/support/app.ts';
import { onPostgres, useTestDatabase } from '../../../test/support/db.ts';
import { modules } from '../../modules/registry.ts';
import { queryRows, toDate } from '../db/database.ts';
import { withSystemTx, withTx } from '../db/tx.ts';
import { buildApp } from '../http/app.ts';
import { defineJob } from './define.ts';
import { enqueueJob } from './enqueue.ts';
import { JobRunner } from './runner.ts';
import { runDueSchedules, syncSchedules } from './schedules.ts';

const t = useTestDatabase();
let member: Member;
beforeAll(async () => {
  member = await createMember(t.database);
});

const runs = new Map<string, number>();
const bump = (key: string) => runs.set(key, (runs.get(key) ?? 0) + 1);

const countJob = defineJob({
  name: 'test.count',
  schema: z.object({ key: z.string() }).strict(),
  async handle(_context, payload) {
    bump(payload.key);
  },
});

const flakyJob = defineJob({
  name: 'test.flaky',
  schema: z.object({ key: z.string(), failures: z.number().int() }).strict(),
  maxAttempts: 3,
  async handle({ attempt }, payload) {
    bump(payload.key);
    if (attempt <= payload.failures) throw new Error(`attempt ${attempt} failed`);
  },
});

const slowJob = defineJob({
  name: 'test.slow',
  schema: z.object({ key: z.string() }).strict(),
  timeoutMs: 200,
  maxAttempts: 1,
  async handle({ signal }, payload) {
    bump(payload.key);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    bump(`${payload.key}:aborted`);
  },
});

const runner = (options: { owner?: string } = {}) =>
  new JobRunner({ database: t.database, backoffMs: () => 0, ...options });

async function jobState(key: string) {
  const [row] = await withSystemTx(t.database, (db) =>
    queryRows<{ status: string; attempts: number; last_error: string | null }>(
      db,
      sql`select status, attempts, last_error from jobs where payload->>'key' = ${key}`,
    ),
  );
  return row;
}

const companyContext = () => ({ companyId: member.companyId, actor: { type: 'system' as const, id: null } });

describe('jobs', () => {
  it('exist only if the transaction that enqueued them commits, and run once', async () => {
    await expect(
      withTx(t.database, companyContext(), async (tx) => {
        await enqueueJob(tx.db, countJob, { key: 'rolled-back' }, { companyId: member.companyId });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await withTx(t.database, companyContext(), (tx) =>
      enqueueJob(tx.db, countJob, { key: 'committed' }, { companyId: member.companyId }),
    );
    await runner().drain();
    await runner().drain();
    expect(runs.get('rolled-back')).toBeUndefined();
    expect(runs.get('committed')).toBe(1);
    expect(await jobState('committed')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('refuse a payload that does not match the job schema, writing nothing', async () => {
    await expect(
      withTx(t.database, companyContext(), (tx) =>
        enqueueJob(tx.db, countJob, { key: 1 } as never, { companyId: member.companyId }),
      ),
    ).rejects.toThrow();
  });

  it('are retried after a failure and end dead after their last attempt, with the error kept', async () => {
    await withSystemTx(t.database, async (db) => {
      await enqueueJob(db, flakyJob, { key: 'recovers', failures: 2 }, { companyId: null });
      await enqueueJob(db, flakyJob, { key: 'gives-up', failures: 99 }, { companyId: null });
    });
    await runner().drain();
    expect(runs.get('recovers')).toBe(3);
    expect(await jobState('recovers')).toMatchObject({ status: 'done', attempts: 3 });
    expect(runs.get('gives-up')).toBe(3);
    expect(await jobState('gives-up')).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_error: 'attempt 3 failed',
    });
  });

  it('time out: the attempt fails and the job is told to stop through its signal', async () => {
    await withSystemTx(t.database, (db) => enqueueJob(db, slowJob, { key: 'slow' }, { companyId: null }));
    await runner().drain();
    expect(await jobState('slow')).toMatchObject({ status: 'dead', last_error: 'timed out after 200 ms' });
    await new Promise((r) => setTimeout(r, 50));
    expect(runs.get('slow:aborted')).toBe(1);
  });

  it('run again when the worker that claimed them died (its lease ran out)', async () => {
    await withSystemTx(t.database, (db) =>
      enqueueJob(db, countJob, { key: 'orphaned' }, { companyId: null }),
    );
    // A worker claims the job and dies before finishing: the row stays running under its lease.
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`update jobs set status = 'running', attempts = 1, locked_by = 'dead-worker', locked_until = now() + interval '1 hour'
             where payload->>'key' = 'orphaned'`,
      ),
    );
    await runner().drain();
    expect(runs.get('orphaned')).toBeUndefined();
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`update jobs set locked_until = now() - interval '1 second' where payload->>'key' = 'orphaned'`,
      ),
    );
    await runner().drain();
    expect(runs.get('orphaned')).toBe(1);
    expect(await jobState('orphaned')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('show their state through the API to their company only', async () => {
    const app = await buildApp({
      config: testConfig(),
      database: t.database,
      logger: pino({ level: 'silent' }),
      modules,
      files: testFileStore(),
      version: 'test',
    });
    try {
      const id = await withTx(t.database, companyContext(), (tx) =>
        enqueueJob(tx.db, countJob, { key: 'visible' }, { companyId: member.companyId }),
      );
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/jobs?status=queued',
        headers: member.auth,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().data.map((j: { id: string }) => j.id)).toContain(id);
      const one = await app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: member.auth });
      expect(one.json()).toMatchObject({ id, name: 'test.count', status: 'queued', attempts: 0 });
      const other = await createMember(t.database);
      expect(
        (await app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: other.auth })).statusCode,
      ).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('are visible to their company and invisible to other companies', async () => {
    const other = await createMember(t.database);
    await withTx(t.database, companyContext(), (tx) =>
      enqueueJob(tx.db, countJob, { key: 'private' }, { companyId: member.companyId }),
    );
    const seen = await withTx(
      t.database,
      { companyId: other.companyId, actor: { type: 'system', id: null } },
      (tx) => queryRows(tx.db, sql`select id from jobs where payload->>'key' = 'private'`),
    );
    expect(seen).toEqual([]);
  });

  it.skipIf(!onPostgres)('run once each when several workers poll at the same time', async () => {
    await withSystemTx(t.database, async (db) => {
      for (let i = 0; i < 24; i++)
        await enqueueJob(db, countJob, { key: `parallel-${i}` }, { companyId: null });
    });
    const workers = Array.from({ length: 4 }, (_, i) => runner({ owner: `worker-${i}` }));
    await Promise.all(workers.map((w) => w.drain()));
    for (let i = 0; i < 24; i++) expect(runs.get(`parallel-${i}`)).toBe(1);
  });
});

describe('schedules', () => {
  it('enqueue one job per due run, however many processes look, and move to the next run', async () => {
    await syncSchedules(t.database, [
      { name: 'test.every-minute', cron: '* * * * *', job: countJob, payload: { key: 'scheduled' } },
    ]);
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`update job_schedules set next_run_at = now() - interval '10 seconds' where name = 'test.every-minute'`,
      ),
    );
    const enqueued = await Promise.all([runDueSchedules(t.database), runDueSchedules(t.database)]);
    expect(enqueued.reduce((a, b) => a + b, 0)).toBe(1);
    const [schedule] = await withSystemTx(t.database, (db) =>
      queryRows<{ next_run_at: string }>(
        db,
        sql`select next_run_at from job_schedules where name = 'test.every-minute'`,
      ),
    );
    expect(toDate(schedule!.next_run_at).getTime()).toBeGreaterThan(Date.now());
    await runner().drain();
    expect(runs.get('scheduled')).toBe(1);
  });

  it('refuse a cron expression that is not valid', async () => {
    await expect(
      syncSchedules(t.database, [
        { name: 'test.bad', cron: '61 * * * *', job: countJob, payload: { key: 'x' } },
      ]),
    ).rejects.toThrow(/minute/);
  });
});
