import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import { type Database, queryRows, toDate } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import type { ScheduleDefinition } from './define.ts';
import { insertJob } from './enqueue.ts';

/** The next time a five-field cron expression fires after `after`, in UTC. Throws on a bad one. */
export function nextCronRun(cron: string, after: Date): Date {
  const next = new Cron(cron, { paused: true, timezone: 'UTC' }).nextRun(after);
  if (!next) throw new Error(`the cron expression ${cron} never fires`);
  return next;
}

/** Brings the stored schedules in step with the code: new ones added, changed ones re-timed. */
export async function syncSchedules(
  database: Database,
  schedules: readonly ScheduleDefinition[],
): Promise<void> {
  const now = new Date();
  await withSystemTx(database, async (db) => {
    for (const s of schedules) {
      await db.execute(
        sql`insert into job_schedules (name, cron, job_name, payload, next_run_at)
            values (${s.name}, ${s.cron}, ${s.job.name}, ${JSON.stringify(s.payload ?? {})}::jsonb, ${nextCronRun(s.cron, now)})
            on conflict (name) do update
               set job_name = excluded.job_name, payload = excluded.payload,
                   next_run_at = case when job_schedules.cron = excluded.cron then job_schedules.next_run_at else excluded.next_run_at end,
                   cron = excluded.cron`,
      );
    }
  });
}

/**
 * Enqueues one job for each schedule that is due. Safe with several processes: schedules are
 * locked with SKIP LOCKED, and each run's job carries a unique key made of the schedule and its
 * time, so a run is enqueued once.
 */
export async function runDueSchedules(database: Database): Promise<number> {
  return withSystemTx(database, async (db) => {
    const due = await queryRows<{
      name: string;
      cron: string;
      job_name: string;
      payload: unknown;
      next_run_at: Date;
    }>(
      db,
      sql`select name, cron, job_name, payload, next_run_at from job_schedules
           where next_run_at <= now() order by next_run_at for update skip locked`,
    );
    const now = new Date();
    for (const s of due) {
      const runAt = toDate(s.next_run_at);
      await insertJob(db, s.job_name, s.payload, {
        companyId: null,
        uniqueKey: `schedule:${s.name}:${runAt.toISOString()}`,
      });
      await db.execute(
        sql`update job_schedules set last_run_at = ${runAt}, next_run_at = ${nextCronRun(s.cron, now)} where name = ${s.name}`,
      );
    }
    return due.length;
  });
}
