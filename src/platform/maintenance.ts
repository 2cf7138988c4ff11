import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { withSystemTx } from './db/tx.ts';
import { purgeExpiredIdempotencyKeys } from './http/write.ts';
import { defineJob, type ScheduleDefinition } from './jobs/define.ts';

// The platform's own housekeeping, run as scheduled jobs like any module's.

const JOB_RETENTION_DAYS = 14;

export const purgeIdempotencyKeys = defineJob({
  name: 'platform.idempotency.purge',
  schema: z.object({}).strict(),
  async handle({ database }) {
    await purgeExpiredIdempotencyKeys(database);
  },
});

export const purgeFinishedJobs = defineJob({
  name: 'platform.jobs.purge',
  schema: z.object({}).strict(),
  async handle({ database }) {
    await withSystemTx(database, (db) =>
      db.execute(
        sql`delete from jobs where status = 'done' and finished_at < now() - make_interval(days => ${JOB_RETENTION_DAYS})`,
      ),
    );
  },
});

export const platformSchedules: ScheduleDefinition[] = [
  { name: 'platform.idempotency.purge.hourly', cron: '17 * * * *', job: purgeIdempotencyKeys },
  { name: 'platform.jobs.purge.daily', cron: '43 3 * * *', job: purgeFinishedJobs },
];
