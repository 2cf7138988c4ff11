import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../auth/schema.ts';
import { appRole, currentCompanyId } from '../db/columns.ts';

// Durable background jobs. A job may belong to a company (its work runs in that company) or to
// the system (schedules, maintenance). Workers claim due jobs with SKIP LOCKED and a lease; a job
// whose worker died is claimed again when its lease runs out.
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').references(() => companies.id),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'dead'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    runAt: timestamp('run_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    uniqueKey: text('unique_key'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt, t.id).where(sql`${t.status} = 'queued'`),
    index('jobs_running_idx').on(t.lockedUntil).where(sql`${t.status} = 'running'`),
    index('jobs_company_idx').on(t.companyId, t.createdAt),
    // A schedule's run or a de-duplicated job is enqueued once, however many processes try.
    uniqueIndex('jobs_unique_key').on(t.uniqueKey),
    // The application role enqueues its company's jobs and reads their state; workers run as the
    // owner. System jobs (no company) are invisible to it.
    pgPolicy('company_jobs', {
      for: 'all',
      to: appRole,
      using: sql`company_id = ${currentCompanyId}`,
      withCheck: sql`company_id = ${currentCompanyId}`,
    }),
  ],
).enableRLS();

// Recurring schedules (cron expressions), kept in step with the code at start.
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  cron: text('cron').notNull(),
  jobName: text('job_name').notNull(),
  payload: jsonb('payload').notNull(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true, precision: 3 }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true, precision: 3 }),
});
