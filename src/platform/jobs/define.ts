import type { z } from 'zod';
import type { Database } from '../db/database.ts';

export type JobContext = {
  database: Database;
  jobId: string;
  /** The company the job works for, or null for a system job. */
  companyId: string | null;
  /** 1 on the first run. */
  attempt: number;
  /** Aborted when the job's time is up or the process is stopping. */
  signal: AbortSignal;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  handle(context: JobContext, payload: z.output<S>): Promise<void>;
  maxAttempts?: number;
  timeoutMs?: number;
  /** Most runs of this job at once in one process. */
  concurrency?: number;
};

/** A recurring job: `cron` is a five-field expression evaluated in UTC. */
export type ScheduleDefinition = { name: string; cron: string; job: JobDefinition; payload?: unknown };

const jobs = new Map<string, JobDefinition>();

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  const existing = jobs.get(definition.name);
  if (existing && existing !== (definition as unknown as JobDefinition)) {
    throw new Error(`job ${definition.name} is defined twice`);
  }
  jobs.set(definition.name, definition as unknown as JobDefinition);
  return definition;
}

export function jobDefinition(name: string): JobDefinition | undefined {
  return jobs.get(name);
}

export function registeredJobs(): JobDefinition[] {
  return [...jobs.values()];
}

export const DEFAULT_JOB_TIMEOUT_MS = 60_000;
export const DEFAULT_JOB_MAX_ATTEMPTS = 8;
