import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { type Database, queryRows } from '../db/database.ts';
import { type Tx, withSystemTx, withTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { defineEvent } from './define.ts';
import { EventDispatcher } from './dispatcher.ts';
import { type AfterCommitSubscriber, type DeliveredEvent, subscribeInTransaction } from './registry.ts';

const Pinged = defineEvent({
  name: 'test.thing.pinged',
  version: 1,
  aggregateType: 'test.thing',
  schema: z.object({ n: z.number().int() }),
});
const Audited = defineEvent({
  name: 'test.thing.audited',
  version: 1,
  aggregateType: 'test.thing',
  schema: z.object({ note: z.string() }),
});

const t = useTestApp();
let member: Member;
beforeAll(async () => {
  member = await createMember(t.database);
  // The in-transaction subscriber writes an audit row that must commit with the emitting change.
  subscribeInTransaction({
    name: 'test.audit-on-audited',
    event: Audited,
    async handle(tx, event) {
      if (event.payload.note === 'explode') throw new Error('subscriber refused');
      tx.audit('test.effect', event.aggregateId, 'in-transaction', {});
    },
  });
});

const context = () => ({ companyId: member.companyId, actor: { type: 'system' as const, id: null } });

/**
 * Waits until every event written so far is below the snapshot horizon. On PostgreSQL the horizon
 * is the whole cluster's: a transaction open in another test file's database holds it back.
 */
async function untilVisible() {
  for (let i = 0; i < 200; i++) {
    const [row] = await withSystemTx(t.database, (db) =>
      queryRows<{ visible: boolean }>(
        db,
        sql`select coalesce(max(txid), 0) < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint as visible
              from event_outbox`,
      ),
    );
    if (row?.visible) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function emit(aggregateId: string, n: number) {
  await withTx(t.database, context(), (tx) => tx.emit(Pinged, aggregateId, { n }));
}

/** A subscriber whose effect is an audit row per handled event, failing as `shouldFail` says. */
function recorder(
  name: string,
  shouldFail: (event: DeliveredEvent, attempt: number) => boolean = () => false,
) {
  const attempts = new Map<string, number>();
  const order: string[] = [];
  const subscriber: AfterCommitSubscriber = {
    name,
    events: [Pinged.key],
    async handle(tx: Tx | null, event) {
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      if (shouldFail(event, attempt)) throw new Error(`failure ${attempt} of ${event.id}`);
      tx!.audit('test.effect', event.id, name, {});
      order.push(`${event.aggregateId}:${(event.payload as { n: number }).n}`);
    },
  };
  return { subscriber, order, attempts };
}

function dispatcher(database: Database, subscribers: AfterCommitSubscriber[], maxAttempts = 3) {
  return new EventDispatcher({ database, subscribers: () => subscribers, backoffMs: () => 0, maxAttempts });
}

async function effects(action: string): Promise<Record<string, number>> {
  const rows = await withSystemTx(t.database, (db) =>
    queryRows<{ entity_id: string; n: number }>(
      db,
      sql`select entity_id, count(*)::int as n from audit_log where entity = 'test.effect' and action = ${action} group by entity_id`,
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.entity_id, r.n]));
}

async function deliveries(subscriber: string) {
  return withSystemTx(t.database, (db) =>
    queryRows<{ event_id: string; status: string; attempts: number }>(
      db,
      sql`select event_id, status, attempts from event_deliveries where subscriber = ${subscriber} order by txid, seq`,
    ),
  );
}

describe('in-transaction subscribers', () => {
  it('commit their effect with the emitting change', async () => {
    const id = newId();
    await withTx(t.database, context(), (tx) => tx.emit(Audited, id, { note: 'fine' }));
    expect(await effects('in-transaction')).toMatchObject({ [id]: 1 });
  });

  it('roll the emitting change back when they fail: no event, no effect', async () => {
    const id = newId();
    await expect(
      withTx(t.database, context(), (tx) => tx.emit(Audited, id, { note: 'explode' })),
    ).rejects.toThrow('subscriber refused');
    const [row] = await withSystemTx(t.database, (db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from event_outbox where aggregate_id = ${id}`,
      ),
    );
    expect(row!.n).toBe(0);
    expect((await effects('in-transaction'))[id]).toBeUndefined();
  });
});

describe('the after-commit dispatcher', () => {
  it('delivers each committed event once, and nothing of a transaction that rolled back', async () => {
    const { subscriber, order } = recorder('test.once');
    const aggregate = newId();
    await emit(aggregate, 1);
    await expect(
      withTx(t.database, context(), async (tx) => {
        await tx.emit(Pinged, aggregate, { n: 99 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await emit(aggregate, 2);
    const d = dispatcher(t.database, [subscriber]);
    await d.drain();
    await d.drain();
    expect(order.filter((o) => o.startsWith(aggregate))).toEqual([`${aggregate}:1`, `${aggregate}:2`]);
  });

  it('takes effect once when an event is delivered again (after a crash before the cursor moved)', async () => {
    const { subscriber } = recorder('test.redelivery');
    const aggregate = newId();
    await emit(aggregate, 1);
    const d = dispatcher(t.database, [subscriber]);
    await d.drain();
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`update event_subscriptions set last_txid = 0, last_seq = 0 where subscriber = 'test.redelivery'`,
      ),
    );
    await d.drain();
    const counts = await effects('test.redelivery');
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
  });

  it('retries a failing event and holds back later events of its aggregate only', async () => {
    const failing = newId();
    const other = newId();
    const { subscriber, order, attempts } = recorder(
      'test.retry',
      (event, attempt) =>
        event.aggregateId === failing && (event.payload as { n: number }).n === 1 && attempt < 3,
    );
    await emit(failing, 1);
    await emit(failing, 2);
    await emit(other, 1);
    const d = dispatcher(t.database, [subscriber], 5);
    const mine = () => order.filter((o) => o.startsWith(failing) || o.startsWith(other));
    await untilVisible();
    await d.runOnce();
    // The first failure parks event 1; event 2 waits behind it; the other aggregate goes through.
    expect(mine()).toEqual([`${other}:1`]);
    expect((await deliveries('test.retry')).map((r) => r.status)).toEqual(['retrying', 'held']);
    await d.drain();
    expect(mine()).toEqual([`${other}:1`, `${failing}:1`, `${failing}:2`]);
    expect(Math.max(...attempts.values())).toBe(3);
    expect(await deliveries('test.retry')).toEqual([]);
  });

  it('parks an event as dead after its last attempt; an admin retries or skips it through the API', async () => {
    let broken = true;
    const poisoned = newId();
    const { subscriber, order } = recorder('test.dead', (event) => broken && event.aggregateId === poisoned);
    await emit(poisoned, 1);
    await emit(poisoned, 2);
    await emit(poisoned, 3);
    const d = dispatcher(t.database, [subscriber], 2);
    await d.drain();
    expect((await deliveries('test.dead')).map((r) => r.status)).toEqual(['dead', 'held', 'held']);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/events/deliveries?status=dead',
      headers: member.auth,
    });
    expect(list.statusCode).toBe(200);
    const [dead] = list.json().data;
    expect(dead).toMatchObject({
      subscriber: 'test.dead',
      status: 'dead',
      attempts: 2,
      aggregateId: poisoned,
    });
    expect(dead.lastError).toMatch(/^failure 2 of /);

    // Skipping the first lets the second go ahead, which fails and dies too.
    const skip = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/deliveries/test.dead/${dead.eventId}/skip`,
      headers: member.auth,
    });
    expect(skip.statusCode).toBe(204);
    await d.drain();
    const [second] = await deliveries('test.dead');
    expect(second!.status).toBe('dead');

    broken = false;
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/deliveries/test.dead/${second!.event_id}/retry`,
      headers: member.auth,
    });
    expect(retry.statusCode).toBe(200);
    await d.drain();
    expect(order.filter((o) => o.startsWith(poisoned))).toEqual([`${poisoned}:2`, `${poisoned}:3`]);
    expect(await deliveries('test.dead')).toEqual([]);
  });

  it('refuses to retry or skip a delivery of another company', async () => {
    const outsider = await createMember(t.database);
    const poisoned = newId();
    const { subscriber } = recorder('test.isolated', () => true);
    await emit(poisoned, 1);
    await dispatcher(t.database, [subscriber], 1).drain();
    const [dead] = await deliveries('test.isolated');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/deliveries/test.isolated/${dead!.event_id}/retry`,
      headers: outsider.auth,
    });
    expect(response.statusCode).toBe(404);
    expect((await deliveries('test.isolated'))[0]!.status).toBe('dead');
  });

  it('passes an event of a type this process does not know to catch-all subscribers only, and moves on', async () => {
    const seen: string[] = [];
    const catchAll: AfterCommitSubscriber = {
      name: 'test.catch-all',
      events: '*',
      transactional: false,
      async handle(_tx, event) {
        seen.push(`${event.type}@${event.typeVersion}`);
      },
    };
    const { subscriber: typed } = recorder('test.typed-only');
    // Written by a newer version of Tandem, say, during a rolling upgrade.
    await withTx(t.database, context(), (tx) =>
      tx.db.execute(
        sql`insert into event_outbox (company_id, id, type, type_version, aggregate_type, aggregate_id, payload)
            values (${member.companyId}, ${newId()}, 'future.thing.happened', 9, 'future.thing', 'x', '{"novel": true}')`,
      ),
    );
    const d = dispatcher(t.database, [catchAll, typed]);
    await d.drain();
    expect(seen).toContain('future.thing.happened@9');
    expect(await deliveries('test.typed-only')).toEqual([]);
    expect(await deliveries('test.catch-all')).toEqual([]);
  });

  it.skipIf(!onPostgres)('never skips an event whose transaction commits after a later one', async () => {
    const { subscriber, order } = recorder('test.late-commit');
    const slow = newId();
    const fast = newId();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The slow transaction takes its transaction id first (pg_current_xact_id assigns one) but
    // commits last, after a later transaction's event was already read.
    const slowTx = withTx(t.database, context(), async (tx) => {
      await tx.db.execute(sql`select pg_current_xact_id()`);
      await tx.emit(Pinged, slow, { n: 1 });
      await gate;
    });
    await new Promise((r) => setTimeout(r, 100));
    await emit(fast, 1);
    const d = dispatcher(t.database, [subscriber]);
    // The later event is committed but not yet readable: the slow transaction may still add an
    // event before it.
    await d.runOnce();
    release();
    await slowTx;
    await d.drain();
    expect(order.filter((o) => o.startsWith(fast) || o.startsWith(slow)).sort()).toEqual(
      [`${fast}:1`, `${slow}:1`].sort(),
    );
  });

  it.skipIf(!onPostgres)(
    'handles each event once per subscriber with several dispatchers running at once',
    async () => {
      const { subscriber } = recorder('test.many-processes');
      const aggregates = Array.from({ length: 30 }, () => newId());
      await Promise.all(aggregates.map((a, i) => emit(a, i)));
      const dispatchers = Array.from({ length: 4 }, () => dispatcher(t.database, [subscriber]));
      await Promise.all(dispatchers.map((d) => d.drain()));
      await Promise.all(dispatchers.map((d) => d.drain()));
      const counts = await effects('test.many-processes');
      expect(Object.keys(counts).length).toBeGreaterThanOrEqual(30);
      expect(Object.values(counts).every((n) => n === 1)).toBe(true);
    },
  );
});
