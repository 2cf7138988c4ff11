import type { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { newId } from '../ids.ts';
import {
  DEFAULT_JOB_MAX_ATTEMPTS,
  DEFAULT_JOB_TIMEOUT_MS,
  type JobDefinition,
  jobDefinition,
} from './define.ts';
import { jobs } from './schema.ts';

export type EnqueueOptions = {
  companyId: string | null;
  runAt?: Date;
  /** A job with the same key is enqueued once, ever (e.g. one run of a schedule). */
  uniqueKey?: string;
};

/**
 * Enqueues a job in the caller's transaction: it exists if and only if the change that asked for
 * it commits. Returns the job id, or undefined when a job with the same unique key exists.
 */
export async function enqueueJob<S extends z.ZodType>(
  db: Executor,
  job: JobDefinition<S>,
  payload: z.input<S>,
  options: EnqueueOptions,
): Promise<string | undefined> {
  return insertJob(db, job.name, job.schema.parse(payload), options);
}

/** Enqueues by name (schedules store the name); limits come from the definition when loaded. */
export async function insertJob(
  db: Executor,
  name: string,
  payload: unknown,
  options: EnqueueOptions,
): Promise<string | undefined> {
  const definition = jobDefinition(name);
  const [row] = await db
    .insert(jobs)
    .values({
      id: newId(),
      companyId: options.companyId,
      name,
      payload,
      maxAttempts: definition?.maxAttempts ?? DEFAULT_JOB_MAX_ATTEMPTS,
      timeoutMs: definition?.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
      runAt: options.runAt ?? new Date(),
      uniqueKey: options.uniqueKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return row?.id;
}
