import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, type Executor, queryRows } from '../db/database.ts';
import { withSystemTx, withTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { OUTBOX_COLUMNS, type OutboxRow, toDeliveredEvent } from './outbox-row.ts';
import { type AfterCommitSubscriber, afterCommitSubscribers, wants } from './registry.ts';
import { onEventsCommitted } from './wakeup.ts';

export type DispatcherOptions = {
  database: Database;
  logger?: Logger | undefined;
  /** This process's name in leases; unique per process. */
  owner?: string;
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** Delay before retry number `attempt` (1-based). */
  backoffMs?: (attempt: number) => number;
  /** Subscribers to serve; all registered ones by default. */
  subscribers?: () => AfterCommitSubscriber[];
};

type DeliveryRow = {
  company_id: string;
  event_id: string;
  aggregate_type: string;
  aggregate_id: string;
  attempts: number;
};

export const DEFAULT_MAX_ATTEMPTS = 10;

export function defaultBackoffMs(attempt: number): number {
  // 2 s, 4 s, 8 s … capped at 10 minutes, with ±20 % jitter so retries of many events spread out.
  const base = Math.min(2000 * 2 ** (attempt - 1), 10 * 60 * 1000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

const aggregateKey = (companyId: string, type: string, id: string) => `${companyId}\u0000${type}\u0000${id}`;

/**
 * Delivers outbox events to after-commit subscribers: at least once, in order per aggregate, once
 * per subscriber across all processes (a lease per subscriber), never skipping an event that
 * commits late (it reads only below the oldest running transaction). A failing event is retried
 * with backoff and then parked as dead; later events of its aggregate wait behind it.
 */
export class EventDispatcher {
  readonly owner: string;
  private readonly database: Database;
  private readonly logger: Logger | undefined;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly subscribers: () => AfterCommitSubscriber[];
  private timer: NodeJS.Timeout | undefined;
  private unsubscribeWakeup: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(options: DispatcherOptions) {
    this.database = options.database;
    this.logger = options.logger;
    this.owner = options.owner ?? `dispatcher-${process.pid}-${newId().slice(-12)}`;
    this.batchSize = options.batchSize ?? 200;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.subscribers = options.subscribers ?? afterCommitSubscribers;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribeWakeup = onEventsCommitted(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribeWakeup?.();
    await this.running;
    await withSystemTx(this.database, (db) =>
      db.execute(
        sql`update event_subscriptions set lease_owner = null, lease_until = null where lease_owner = ${this.owner}`,
      ),
    ).catch(() => undefined);
  }

  /** Read now (coalesced with a read already under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.runOnce();
        } catch (error) {
          this.logger?.error({ err: error }, 'event dispatch failed; will try again');
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
  }

  /** One pass over every subscriber; returns how many events it read or retried. */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (const subscriber of this.subscribers()) handled += await this.dispatch(subscriber);
    return handled;
  }

  /**
   * Runs passes until every subscriber has read past every event committed before the call and
   * nothing is due for retry (for tests and the CLI). Events only become readable once every older
   * writing transaction on the server has ended, so this waits for those too, up to `timeoutMs`.
   */
  async drain(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const [target] = await withSystemTx(this.database, (db) =>
      queryRows<{ txid: number; seq: number }>(
        db,
        sql`select txid, seq from event_outbox order by txid desc, seq desc limit 1`,
      ),
    );
    for (;;) {
      const progressed = await this.runOnce();
      if (progressed === 0 && (!target || (await this.caughtUp(target)))) return;
      if (Date.now() > deadline) throw new Error(`the dispatcher did not catch up within ${timeoutMs} ms`);
      if (progressed === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async caughtUp(target: { txid: number; seq: number }): Promise<boolean> {
    const names = this.subscribers().map((s) => s.name);
    if (names.length === 0) return true;
    const [row] = await withSystemTx(this.database, (db) =>
      queryRows<{ behind: number }>(
        db,
        sql`select count(*)::int as behind from event_subscriptions
             where subscriber in (${sql.join(
               names.map((n) => sql`${n}`),
               sql`, `,
             )})
               and (last_txid, last_seq) < (${target.txid}, ${target.seq})`,
      ),
    );
    // A subscriber without a cursor row yet has not read anything: claim() creates it on the next pass.
    const [known] = await withSystemTx(this.database, (db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from event_subscriptions where subscriber in (${sql.join(
          names.map((n) => sql`${n}`),
          sql`, `,
        )})`,
      ),
    );
    return row!.behind === 0 && known!.n === names.length;
  }

  private async dispatch(subscriber: AfterCommitSubscriber): Promise<number> {
    const cursor = await this.claim(subscriber.name, subscriber.startAt ?? 'beginning');
    if (!cursor) return 0;
    const retried = await this.retryDue(subscriber);
    const rows = await withSystemTx(this.database, (db) =>
      queryRows<OutboxRow>(
        db,
        sql`select ${OUTBOX_COLUMNS}
              from event_outbox
             where (txid, seq) > (${cursor.txid}, ${cursor.seq})
               and txid < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
             order by txid, seq
             limit ${this.batchSize}`,
      ),
    );
    if (rows.length === 0) return retried;
    const blocked = await this.blockedAggregates(subscriber.name);
    for (const row of rows) {
      if (!wants(subscriber, `${row.type}@${row.type_version}`)) continue;
      const key = aggregateKey(row.company_id, row.aggregate_type, row.aggregate_id);
      if (blocked.has(key)) {
        await this.park(subscriber.name, row, 'held', 0, null);
      } else {
        const error = await this.handle(subscriber, row);
        if (error) {
          blocked.add(key);
          await this.park(subscriber.name, row, this.maxAttempts <= 1 ? 'dead' : 'retrying', 1, error);
        }
      }
    }
    const last = rows.at(-1)!;
    const advanced = await withSystemTx(this.database, (db) =>
      queryRows<{ subscriber: string }>(
        db,
        sql`update event_subscriptions
               set last_txid = ${last.txid}, last_seq = ${last.seq}, updated_at = now(),
                   lease_until = now() + make_interval(secs => ${this.leaseMs / 1000})
             where subscriber = ${subscriber.name} and lease_owner = ${this.owner}
         returning subscriber`,
      ),
    );
    if (advanced.length === 0)
      this.logger?.warn({ subscriber: subscriber.name }, 'lost the dispatch lease mid-batch');
    // Progress counts events read, wanted or not, so drain() keeps reading to the end.
    return retried + rows.length;
  }

  private async claim(
    subscriber: string,
    startAt: 'beginning' | 'now',
  ): Promise<{ txid: number; seq: number } | undefined> {
    const [row] = await withSystemTx(this.database, async (db) => {
      // A new subscriber starts at the first event, or after the last event that is final now.
      const start =
        startAt === 'now'
          ? sql`coalesce((select array[txid, seq] from event_outbox
                           where txid < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
                           order by txid desc, seq desc limit 1), array[0, 0]::bigint[])`
          : sql`array[0, 0]::bigint[]`;
      await db.execute(
        sql`insert into event_subscriptions (subscriber, last_txid, last_seq)
            select ${subscriber}, p[1], p[2] from (select ${start} as p) s
            on conflict do nothing`,
      );
      return queryRows<{ txid: number; seq: number }>(
        db,
        sql`update event_subscriptions
               set lease_owner = ${this.owner}, lease_until = now() + make_interval(secs => ${this.leaseMs / 1000})
             where subscriber = ${subscriber}
               and (lease_owner is null or lease_owner = ${this.owner} or lease_until < now())
         returning last_txid as txid, last_seq as seq`,
      );
    });
    return row;
  }

  private async blockedAggregates(subscriber: string): Promise<Set<string>> {
    const rows = await withSystemTx(this.database, (db) =>
      queryRows<{ company_id: string; aggregate_type: string; aggregate_id: string }>(
        db,
        sql`select distinct company_id, aggregate_type, aggregate_id from event_deliveries where subscriber = ${subscriber}`,
      ),
    );
    return new Set(rows.map((r) => aggregateKey(r.company_id, r.aggregate_type, r.aggregate_id)));
  }

  /** Runs the handler; returns the error message when it fails. */
  private async handle(subscriber: AfterCommitSubscriber, row: OutboxRow): Promise<string | undefined> {
    const event = toDeliveredEvent(row);
    try {
      if (subscriber.transactional === false) {
        await subscriber.handle(null, event);
        return undefined;
      }
      const context = {
        companyId: row.company_id,
        actor: { type: 'system' as const, id: null },
        requestId: row.request_id ?? undefined,
      };
      await withTx(this.database, context, async (tx) => {
        const fresh = await queryRows(
          tx.db,
          sql`insert into event_processed (company_id, subscriber, event_id) values (${row.company_id}, ${subscriber.name}, ${row.id})
              on conflict do nothing returning event_id`,
        );
        // Already handled (a redelivery after a crash or a lost lease): nothing more to do.
        if (fresh.length === 0) return;
        await subscriber.handle(tx, event);
      });
      return undefined;
    } catch (error) {
      this.logger?.warn({ err: error, subscriber: subscriber.name, eventId: row.id }, 'event handler failed');
      return error instanceof Error ? error.message.slice(0, 2000) : String(error).slice(0, 2000);
    }
  }

  private async park(
    subscriber: string,
    row: OutboxRow,
    status: 'retrying' | 'held' | 'dead',
    attempts: number,
    error: string | null,
  ): Promise<void> {
    const next = status === 'retrying' ? new Date(Date.now() + this.backoffMs(attempts)) : null;
    await withSystemTx(this.database, (db) =>
      db.execute(
        sql`insert into event_deliveries
              (company_id, subscriber, event_id, aggregate_type, aggregate_id, txid, seq, status, attempts, next_attempt_at, last_error)
            values (${row.company_id}, ${subscriber}, ${row.id}, ${row.aggregate_type}, ${row.aggregate_id}, ${row.txid}, ${row.seq},
                    ${status}, ${attempts}, ${next}, ${error})
            on conflict do nothing`,
      ),
    );
  }

  /** Retries parked events that are due, oldest first; success releases the next held event. */
  private async retryDue(subscriber: AfterCommitSubscriber): Promise<number> {
    const due = await withSystemTx(this.database, (db) =>
      queryRows<DeliveryRow & OutboxRow>(
        db,
        sql`select d.attempts, o.company_id, o.id, o.type, o.type_version, o.aggregate_type, o.aggregate_id, o.payload,
                   o.request_id, o.created_at, o.txid, o.seq, d.event_id
              from event_deliveries d
              join event_outbox o on o.company_id = d.company_id and o.id = d.event_id
             where d.subscriber = ${subscriber.name} and d.status = 'retrying' and d.next_attempt_at <= now()
             order by d.txid, d.seq
             limit ${this.batchSize}`,
      ),
    );
    for (const row of due) {
      const error = await this.handle(subscriber, row);
      await withSystemTx(this.database, async (db) => {
        if (!error) {
          await releaseDelivery(db, subscriber.name, row.company_id, row.id);
          return;
        }
        const attempts = row.attempts + 1;
        const dead = attempts >= this.maxAttempts;
        const next = dead ? null : new Date(Date.now() + this.backoffMs(attempts));
        await db.execute(
          sql`update event_deliveries
                 set attempts = ${attempts}, status = ${dead ? 'dead' : 'retrying'}, next_attempt_at = ${next},
                     last_error = ${error}, updated_at = now()
               where company_id = ${row.company_id} and subscriber = ${subscriber.name} and event_id = ${row.id}`,
        );
      });
    }
    return due.length;
  }
}

/**
 * Removes a parked event (handled, or skipped by an admin) and lets the next held event of the
 * same aggregate be tried at once.
 */
export async function releaseDelivery(
  db: Executor,
  subscriber: string,
  companyId: string,
  eventId: string,
): Promise<void> {
  const [removed] = await queryRows<{ aggregate_type: string; aggregate_id: string }>(
    db,
    sql`delete from event_deliveries where company_id = ${companyId} and subscriber = ${subscriber} and event_id = ${eventId}
        returning aggregate_type, aggregate_id`,
  );
  if (!removed) return;
  await db.execute(
    sql`update event_deliveries set status = 'retrying', next_attempt_at = now(), updated_at = now()
         where (company_id, subscriber, event_id) = (
           select company_id, subscriber, event_id from event_deliveries
            where company_id = ${companyId} and subscriber = ${subscriber}
              and aggregate_type = ${removed.aggregate_type} and aggregate_id = ${removed.aggregate_id}
              and status = 'held'
            order by txid, seq limit 1)
           and not exists (
             select 1 from event_deliveries
              where company_id = ${companyId} and subscriber = ${subscriber}
                and aggregate_type = ${removed.aggregate_type} and aggregate_id = ${removed.aggregate_id}
                and status in ('retrying', 'dead'))`,
  );
}
