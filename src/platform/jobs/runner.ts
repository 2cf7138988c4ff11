import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, queryRows } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { type JobDefinition, jobDefinition } from './define.ts';
import { runDueSchedules } from './schedules.ts';

export type JobRunnerOptions = {
  database: Database;
  logger?: Logger | undefined;
  owner?: string;
  pollMs?: number;
  /** Jobs claimed per poll. */
  batchSize?: number;
  backoffMs?: (attempt: number) => number;
};

type ClaimedJob = {
  id: string;
  company_id: string | null;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  timeout_ms: number;
};

export function defaultJobBackoffMs(attempt: number): number {
  // 5 s, 10 s, 20 s … capped at one hour, ±20 % jitter.
  const base = Math.min(5000 * 2 ** (attempt - 1), 60 * 60 * 1000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

class JobTimeout extends Error {}

/**
 * Runs due jobs and schedules. Any number of processes may run one: a job is claimed by one
 * worker (SKIP LOCKED) under a lease as long as its time-out, so a job whose process was killed
 * is claimed again once the lease runs out.
 */
export class JobRunner {
  readonly owner: string;
  private readonly database: Database;
  private readonly logger: Logger | undefined;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly active = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(options: JobRunnerOptions) {
    this.database = options.database;
    this.logger = options.logger;
    this.owner = options.owner ?? `jobs-${process.pid}-${newId().slice(-12)}`;
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = options.batchSize ?? 10;
    this.backoffMs = options.backoffMs ?? defaultJobBackoffMs;
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    void this.poll();
  }

  /** Stops claiming, aborts running jobs' signals and waits for them to settle. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopping.abort();
    await this.polling;
    await Promise.allSettled([...this.inFlight]);
  }

  /** One round: enqueue due schedules, claim due jobs and start them. Resolves when they finish. */
  async runOnce(): Promise<number> {
    await runDueSchedules(this.database);
    const claimed = await this.claim();
    await Promise.allSettled(claimed.map((job) => this.track(job)));
    return claimed.length;
  }

  /** Runs rounds until no job is due (for tests and the CLI). */
  async drain(maxRounds = 100): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  private poll(): Promise<void> {
    if (this.polling || this.stopping.signal.aborted) return this.polling ?? Promise.resolve();
    this.polling = (async () => {
      try {
        await runDueSchedules(this.database);
        for (const job of await this.claim()) void this.track(job);
      } catch (error) {
        this.logger?.error({ err: error }, 'job polling failed; will try again');
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  private track(job: ClaimedJob): Promise<void> {
    const run = this.execute(job).finally(() => {
      this.inFlight.delete(run);
      this.active.set(job.name, (this.active.get(job.name) ?? 1) - 1);
    });
    this.inFlight.add(run);
    return run;
  }

  // One job per statement, so a job name's concurrency limit in this process is never exceeded.
  private async claim(): Promise<ClaimedJob[]> {
    const claimed: ClaimedJob[] = [];
    while (claimed.length < this.batchSize && !this.stopping.signal.aborted) {
      const full = [...this.active.entries()]
        .filter(([name, count]) => count >= (jobDefinition(name)?.concurrency ?? Number.POSITIVE_INFINITY))
        .map(([name]) => name);
      const [job] = await withSystemTx(this.database, (db) =>
        queryRows<ClaimedJob>(
          db,
          sql`update jobs
                 set status = 'running', attempts = attempts + 1, locked_by = ${this.owner},
                     locked_until = now() + make_interval(secs => timeout_ms / 1000.0 + 5)
               where id = (
                 select id from jobs
                  where ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
                    ${
                      full.length > 0
                        ? sql`and name not in (${sql.join(
                            full.map((n) => sql`${n}`),
                            sql`, `,
                          )})`
                        : sql``
                    }
                  order by run_at, id
                  limit 1
                  for update skip locked)
           returning id, company_id, name, payload, attempts, max_attempts, timeout_ms`,
        ),
      );
      if (!job) break;
      this.active.set(job.name, (this.active.get(job.name) ?? 0) + 1);
      claimed.push(job);
    }
    return claimed;
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const definition = jobDefinition(job.name);
    const started = Date.now();
    try {
      if (!definition) throw new Error(`no job is defined with the name ${job.name}`);
      await this.runWithTimeout(definition, job);
      await this.finish(job, null);
      this.logger?.debug({ job: job.name, jobId: job.id, ms: Date.now() - started }, 'job done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger?.warn({ job: job.name, jobId: job.id, attempt: job.attempts, err: error }, 'job failed');
      await this.finish(job, message.slice(0, 2000)).catch((e) =>
        this.logger?.error({ err: e, jobId: job.id }, 'could not record the job failure'),
      );
    }
  }

  private async runWithTimeout(definition: JobDefinition, job: ClaimedJob): Promise<void> {
    const timeout = AbortSignal.timeout(job.timeout_ms);
    const signal = AbortSignal.any([timeout, this.stopping.signal]);
    const payload = definition.schema.parse(job.payload);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new JobTimeout(`timed out after ${job.timeout_ms} ms`)),
        job.timeout_ms,
      );
    });
    try {
      await Promise.race([
        definition.handle(
          {
            database: this.database,
            jobId: job.id,
            companyId: job.company_id,
            attempt: job.attempts,
            signal,
          },
          payload,
        ),
        expired,
      ]);
      // A handler that returns because it was told to stop has not necessarily finished its work.
      if (timeout.aborted) throw new JobTimeout(`timed out after ${job.timeout_ms} ms`);
      if (this.stopping.signal.aborted) throw new Error('interrupted by shutdown');
    } finally {
      clearTimeout(timer);
    }
  }

  private async finish(job: ClaimedJob, error: string | null): Promise<void> {
    await withSystemTx(this.database, async (db) => {
      if (error === null) {
        await db.execute(
          sql`update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null, last_error = null
               where id = ${job.id} and locked_by = ${this.owner}`,
        );
        return;
      }
      const dead = job.attempts >= job.max_attempts;
      const runAt = new Date(Date.now() + this.backoffMs(job.attempts));
      await db.execute(
        sql`update jobs
               set status = ${dead ? 'dead' : 'queued'}, run_at = ${runAt}, last_error = ${error},
                   locked_by = null, locked_until = null, finished_at = ${dead ? new Date() : null}
             where id = ${job.id} and locked_by = ${this.owner}`,
      );
    });
  }
}
