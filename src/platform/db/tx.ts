import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assert } from '../assert.ts';
import type { Changes } from '../audit/changes.ts';
import { auditLog } from '../audit/schema.ts';
import type { EventType } from '../events/define.ts';
import { inTransactionSubscribersOf } from '../events/registry.ts';
import { eventOutbox } from '../events/schema.ts';
import { signalEventsCommitted } from '../events/wakeup.ts';
import { newId } from '../ids.ts';
import { APP_ROLE } from './columns.ts';
import type { Database, Executor } from './database.ts';

export type Actor = { type: 'user' | 'api_key' | 'system'; id: string | null };

/** Who is acting, for which company, and for which request: set on every transaction. */
export type TxContext = {
  companyId: string;
  actor: Actor;
  requestId?: string | undefined;
  sourceIp?: string | undefined;
  /** Entities the actor's role limits to records they own (record rules, see db/columns.ts). */
  ownOnly?: readonly string[] | undefined;
};

/**
 * One business transaction. Services receive it first and never open their own; the change,
 * its audit rows and its outbox events commit together or not at all.
 */
export type Tx = {
  readonly db: Executor;
  readonly ctx: TxContext;
  audit(entity: string, entityId: string, action: string, changes: Changes): void;
  /**
   * Appends a domain event to the outbox and runs its in-transaction subscribers now, in this
   * transaction; after-commit subscribers get it from the outbox once the transaction commits.
   */
  emit<S extends z.ZodType>(event: EventType<S>, aggregateId: string, payload: z.input<S>): Promise<void>;
  /**
   * Runs `hook` once, after the service's work and just before the audit rows and events are
   * written and the transaction commits: for steps that must come last, such as taking a
   * gap-free number (whose counter stays locked until commit). A hook may audit, emit and
   * register further hooks; registering a key that is already pending does nothing.
   */
  beforeCommit(key: string, hook: () => Promise<void>): void;
};

const WRITE_BATCH = 1000;

// An in-transaction subscriber may emit in turn; a chain this deep is a loop.
const MAX_EMIT_DEPTH = 8;

type AuditRow = typeof auditLog.$inferInsert;
type OutboxRow = typeof eventOutbox.$inferInsert;

/**
 * Runs `fn` in a transaction as the application role (row-level security applies) with the
 * company, actor and request id set transaction-locally. Audit rows and events are buffered and
 * written in one statement each just before commit.
 */
export async function withTx<T>(database: Database, ctx: TxContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let emitted = false;
  const result = await database.transaction(async (db) => {
    await db.execute(
      sql`select set_config('role', ${APP_ROLE}, true),
                 set_config('tandem.company_id', ${ctx.companyId}, true),
                 set_config('tandem.user_id', ${ctx.actor.type === 'user' ? (ctx.actor.id ?? '') : ''}, true),
                 set_config('tandem.request_id', ${ctx.requestId ?? ''}, true),
                 set_config('tandem.own_only', ${(ctx.ownOnly ?? []).join(',')}, true)`,
    );
    const auditRows: AuditRow[] = [];
    const outboxRows: OutboxRow[] = [];
    let depth = 0;
    const hooks = new Map<string, () => Promise<void>>();
    const tx: Tx = {
      db,
      ctx,
      audit(entity, entityId, action, changes) {
        auditRows.push({
          companyId: ctx.companyId,
          id: newId(),
          actorType: ctx.actor.type,
          actorId: ctx.actor.id,
          entity,
          entityId,
          action,
          changes,
          requestId: ctx.requestId ?? null,
          sourceIp: ctx.sourceIp ?? null,
        });
      },
      async emit(event, aggregateId, payload) {
        // Validated here so a malformed event fails the write that produced it.
        const row = {
          companyId: ctx.companyId,
          id: newId(),
          type: event.name,
          typeVersion: event.version,
          aggregateType: event.aggregateType,
          aggregateId,
          payload: event.schema.parse(payload),
          requestId: ctx.requestId ?? null,
        };
        outboxRows.push(row);
        const subscribers = inTransactionSubscribersOf(event.key);
        if (subscribers.length === 0) return;
        assert(
          depth < MAX_EMIT_DEPTH,
          `event ${event.key} emitted ${MAX_EMIT_DEPTH} levels deep: a subscriber loop`,
        );
        depth++;
        try {
          const delivered = { ...row, createdAt: new Date().toISOString() };
          for (const subscriber of subscribers) await subscriber.handle(tx, delivered);
        } finally {
          depth--;
        }
      },
      beforeCommit(key, hook) {
        if (!hooks.has(key)) hooks.set(key, hook);
      },
    };
    const value = await fn(tx);
    for (let [key, hook] = first(hooks); hook; [key, hook] = first(hooks)) {
      hooks.delete(key);
      await hook();
    }
    // In batches: a statement takes at most 65,535 parameters, and a big transaction (a demo, an
    // import) writes thousands of rows.
    for (let i = 0; i < auditRows.length; i += WRITE_BATCH)
      await db.insert(auditLog).values(auditRows.slice(i, i + WRITE_BATCH));
    for (let i = 0; i < outboxRows.length; i += WRITE_BATCH)
      await db.insert(eventOutbox).values(outboxRows.slice(i, i + WRITE_BATCH));
    if (outboxRows.length > 0) emitted = true;
    return value;
  });
  if (emitted) signalEventsCommitted();
  return result;
}

function first(hooks: Map<string, () => Promise<void>>): [string, (() => Promise<void>) | undefined] {
  const next = hooks.entries().next();
  return next.done ? ['', undefined] : next.value;
}

/**
 * A transaction as the migrating (owner) role, with no company: for identity and
 * administration work that precedes a company (sign-in, creating a company, the CLI).
 * Business data is never read or written here.
 */
export async function withSystemTx<T>(database: Database, fn: (db: Executor) => Promise<T>): Promise<T> {
  return database.transaction(fn);
}

/** A transaction as the application role that only reads. */
export async function withReadTx<T>(
  database: Database,
  ctx: Pick<TxContext, 'companyId' | 'actor' | 'ownOnly'>,
  fn: (db: Executor) => Promise<T>,
): Promise<T> {
  return withTx(database, ctx, (tx) => fn(tx.db));
}
