import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { queryRows } from '../db/database.ts';
import { withSystemTx, withTx } from '../db/tx.ts';
import { defineEvent } from '../events/define.ts';
import { EventDispatcher } from '../events/dispatcher.ts';
import { newId } from '../ids.ts';
import { JobRunner } from '../jobs/runner.ts';
import { MAX_WEBHOOK_ATTEMPTS } from './deliver.ts';
import { claimAttempt } from './delivery-job.ts';
import { configureWebhooks, webhookSubscriber } from './index.ts';

// End to end against a real receiver on loopback: the dispatcher turns events into deliveries,
// the job runner makes the attempts. Private targets are allowed (the receiver is on 127.0.0.1),
// attempts time out after 400 ms and retries are due at once, so the day-long schedule runs in
// seconds; everything else is as in production.
const ATTEMPT_TIMEOUT_MS = 400;
configureWebhooks({ allowPrivate: true, attemptTimeoutMs: ATTEMPT_TIMEOUT_MS, retryDelayMs: () => 0 });
const t = useTestApp();

const Pinged = defineEvent({
  name: 'test.webhook.pinged',
  version: 1,
  aggregateType: 'test.thing',
  schema: z.object({ n: z.number().int(), note: z.string() }),
});

type Received = { headers: http.IncomingHttpHeaders; body: string };
type Answer = 'fail' | 'hang' | 'ok';

const servers: http.Server[] = [];
afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** A receiver on 127.0.0.1 that answers the nth request (1-based) as `answer(n)` says. */
async function startReceiver(answer: (n: number) => Answer) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const what = answer(received.length);
      // A hung request is answered never; the delivery's time-out ends it.
      if (what === 'fail') response.writeHead(500).end('busy, try later');
      if (what === 'ok') response.writeHead(200).end('thanks');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { received, url: `http://127.0.0.1:${port}/hooks/tandem` };
}

// One dispatcher for the file: it holds its subscriber's lease between drains.
let dispatcher: EventDispatcher | undefined;

/**
 * Dispatches every committed event to the webhook subscriber. The dispatcher reads only below
 * the oldest running transaction, which on a shared PostgreSQL server may be another test run's,
 * so this drains until the subscriber's cursor has passed the whole outbox.
 */
async function dispatch(): Promise<void> {
  dispatcher ??= new EventDispatcher({
    database: t.database,
    subscribers: () => [webhookSubscriber],
    backoffMs: () => 0,
  });
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    await dispatcher.drain();
    const [behind] = await withSystemTx(t.database, (db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from event_outbox o
             where not exists (select 1 from event_subscriptions s
                                where s.subscriber = 'platform.webhooks' and (s.last_txid, s.last_seq) >= (o.txid, o.seq))`,
      ),
    );
    if (behind!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the dispatcher did not reach the end of the outbox in 10 s');
}

// The webhook subscriber starts at the events committed from its first read on ('now'): read once
// before any test emits, so every test's events are after its cursor.
beforeAll(() => dispatch());

const runJobs = () => new JobRunner({ database: t.database, backoffMs: () => 0 }).drain(500);

async function createEndpoint(member: Member, url: string, eventTypes = [Pinged.key]) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks/endpoints',
    headers: member.auth,
    payload: { url, eventTypes },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; secret: string; version: number };
}

/** Emits one Pinged event in the member's company; returns its event id. */
async function emit(member: Member, n: number): Promise<string> {
  const aggregateId = newId();
  const context = { companyId: member.companyId, actor: { type: 'system' as const, id: null } };
  await withTx(t.database, context, (tx) => tx.emit(Pinged, aggregateId, { n, note: 'Zoë ✓' }));
  const [row] = await withSystemTx(t.database, (db) =>
    queryRows<{ id: string }>(db, sql`select id from event_outbox where aggregate_id = ${aggregateId}`),
  );
  return row!.id;
}

async function api(member: Member, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1/webhooks/endpoints${url}`, headers: member.auth, payload });
}

async function deliveriesOf(member: Member, endpointId: string) {
  const response = await api(member, 'GET', `/${endpointId}/deliveries?limit=200`);
  expect(response.statusCode).toBe(200);
  return response.json().data as {
    id: string;
    eventId: string;
    status: string;
    attemptCount: number;
    lastError: string | null;
    attempts: { ok: boolean; statusCode: number | null; latencyMs: number; error: string | null }[];
  }[];
}

const verifies = (secret: string, request: Received) => {
  try {
    new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

describe('webhook delivery', () => {
  it('gets through failures and a time-out: one success logged after every failure, one webhook-id, verified signatures', async () => {
    const member = await createMember(t.database);
    const receiver = await startReceiver((n) => (n <= 2 ? 'fail' : n === 3 ? 'hang' : 'ok'));
    const endpoint = await createEndpoint(member, receiver.url);
    const elsewhere = await startReceiver(() => 'ok');
    const unsubscribed = await createEndpoint(member, elsewhere.url, ['crm.party.created@1']);
    await createEndpoint(await createMember(t.database), elsewhere.url, ['*']);

    const eventId = await emit(member, 7);
    await dispatch();
    await runJobs();

    expect(receiver.received).toHaveLength(4);
    for (const request of receiver.received) {
      expect(request.headers['webhook-id']).toBe(eventId);
      expect(verifies(endpoint.secret, request)).toBe(true);
    }
    const [event] = await withSystemTx(t.database, (db) =>
      queryRows<{ aggregate_id: string }>(
        db,
        sql`select aggregate_id from event_outbox where id = ${eventId}`,
      ),
    );
    expect(JSON.parse(receiver.received[3]!.body)).toEqual({
      id: eventId,
      type: 'test.webhook.pinged',
      version: 1,
      companyId: member.companyId,
      aggregate: { type: 'test.thing', id: event!.aggregate_id },
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { n: 7, note: 'Zoë ✓' },
    });
    const [delivery, ...others] = await deliveriesOf(member, endpoint.id);
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({ eventId, status: 'succeeded', attemptCount: 4, lastError: null });
    expect(delivery!.attempts.map((a) => [a.ok, a.statusCode, a.error])).toEqual([
      [false, 500, 'HTTP 500'],
      [false, 500, 'HTTP 500'],
      [false, null, 'timeout'],
      [true, 200, null],
    ]);
    expect(delivery!.attempts[2]!.latencyMs).toBeGreaterThanOrEqual(ATTEMPT_TIMEOUT_MS - 5);
    // Neither an endpoint of another event type nor one of another company got anything.
    expect(await deliveriesOf(member, unsubscribed.id)).toEqual([]);
    expect(elsewhere.received).toEqual([]);

    // The dispatcher delivering the event again (after a crash, say) queues nothing twice.
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`update event_subscriptions set last_txid = 0, last_seq = 0 where subscriber = 'platform.webhooks'`,
      ),
    );
    await dispatch();
    await runJobs();
    expect(await deliveriesOf(member, endpoint.id)).toHaveLength(1);
    expect(receiver.received).toHaveLength(4);
  });

  it('signs with the old and the new secret during a rotation overlap, and with the new one only after it', async () => {
    const member = await createMember(t.database);
    const receiver = await startReceiver(() => 'ok');
    const endpoint = await createEndpoint(member, receiver.url);
    const rotate = async (overlapSeconds?: number) => {
      const response = await api(member, 'POST', `/${endpoint.id}/rotate-secret`, { overlapSeconds });
      expect(response.statusCode).toBe(200);
      return response.json().secret as string;
    };
    const oldSecret = endpoint.secret;
    const newSecret = await rotate();
    await emit(member, 1);
    await dispatch();
    await runJobs();
    const [during] = receiver.received;
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(oldSecret, during!)).toBe(true);
    expect(verifies(newSecret, during!)).toBe(true);

    // When the overlap is over, the previous secret signs no more.
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`update webhook_endpoints set previous_secret_expires_at = now() - interval '1 second' where id = ${endpoint.id}`,
      ),
    );
    await emit(member, 2);
    await dispatch();
    await runJobs();
    const after = receiver.received[1]!;
    expect(verifies(newSecret, after)).toBe(true);
    expect(verifies(oldSecret, after)).toBe(false);

    // A rotation without overlap drops the current secret at once.
    const newest = await rotate(0);
    await emit(member, 3);
    await dispatch();
    await runJobs();
    const last = receiver.received[2]!;
    expect(verifies(newest, last)).toBe(true);
    expect(verifies(newSecret, last)).toBe(false);
    expect(receiver.received).toHaveLength(3);
  });

  it('disables an endpoint after three deliveries failed every attempt, audited, with a notice event; a replay then delivers', async () => {
    const member = await createMember(t.database);
    let healthy = false;
    const receiver = await startReceiver(() => (healthy ? 'ok' : 'fail'));
    const endpoint = await createEndpoint(member, receiver.url);
    for (let n = 1; n <= 3; n++) await emit(member, n);
    await dispatch();
    await runJobs();

    expect(receiver.received).toHaveLength(3 * MAX_WEBHOOK_ATTEMPTS);
    const deliveries = await deliveriesOf(member, endpoint.id);
    expect(deliveries.map((d) => [d.status, d.attemptCount, d.lastError])).toEqual(
      Array(3).fill(['failed', MAX_WEBHOOK_ATTEMPTS, 'HTTP 500']),
    );
    const disabled = (await api(member, 'GET', `/${endpoint.id}`)).json();
    expect(disabled).toMatchObject({
      enabled: false,
      consecutiveFailures: 3,
      disabledReason: '3 deliveries in a row failed every attempt',
    });
    const [audit] = await withSystemTx(t.database, (db) =>
      queryRows<{ actor_type: string }>(
        db,
        sql`select actor_type from audit_log where entity_id = ${endpoint.id} and action = 'disable'`,
      ),
    );
    expect(audit).toEqual({ actor_type: 'system' });
    const [notice] = await withSystemTx(t.database, (db) =>
      queryRows<{ payload: { endpointId: string; failedDeliveries: number } }>(
        db,
        sql`select payload from event_outbox where type = 'platform.webhook.endpoint_disabled' and type_version = 1
              and aggregate_id = ${endpoint.id}`,
      ),
    );
    expect(notice!.payload).toMatchObject({ endpointId: endpoint.id, failedDeliveries: 3 });

    // A disabled endpoint gets no new deliveries, and replays are refused until it is enabled.
    await emit(member, 4);
    await dispatch();
    expect(await deliveriesOf(member, endpoint.id)).toHaveLength(3);
    const target = deliveries.at(-1)!;
    const refused = await api(member, 'POST', `/${endpoint.id}/deliveries/${target.id}/replay`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('webhook.endpoint_disabled');

    healthy = true;
    const enabled = await api(member, 'PATCH', `/${endpoint.id}`, {
      version: disabled.version,
      enabled: true,
    });
    expect(enabled.json()).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    const replay = await api(member, 'POST', `/${endpoint.id}/deliveries/${target.id}/replay`);
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toMatchObject({ status: 'pending', attemptCount: 0 });
    await runJobs();
    const replayed = (await deliveriesOf(member, endpoint.id)).find((d) => d.id === target.id)!;
    expect(replayed).toMatchObject({ status: 'succeeded', attemptCount: 1 });
    expect(replayed.attempts.filter((a) => a.ok)).toHaveLength(1);
    expect(replayed.attempts).toHaveLength(MAX_WEBHOOK_ATTEMPTS + 1);
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(target.eventId);
  });

  it('replays a succeeded delivery with the same webhook-id', async () => {
    const member = await createMember(t.database);
    const receiver = await startReceiver(() => 'ok');
    const endpoint = await createEndpoint(member, receiver.url);
    const eventId = await emit(member, 1);
    await dispatch();
    await runJobs();
    const [delivery] = await deliveriesOf(member, endpoint.id);
    expect(delivery!.status).toBe('succeeded');
    const replay = await api(member, 'POST', `/${endpoint.id}/deliveries/${delivery!.id}/replay`);
    expect(replay.statusCode).toBe(202);
    await runJobs();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId]);
    const [again] = await deliveriesOf(member, endpoint.id);
    expect(again!.attempts.map((a) => a.ok)).toEqual([true, true]);
    const missing = await api(member, 'POST', `/${endpoint.id}/deliveries/${newId()}/replay`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('webhook.delivery_not_found');
  });

  it('gives up, without an attempt, a delivery whose endpoint was disabled before it went out', async () => {
    const member = await createMember(t.database);
    const receiver = await startReceiver(() => 'ok');
    const endpoint = await createEndpoint(member, receiver.url);
    await emit(member, 1);
    await dispatch();
    const off = await api(member, 'PATCH', `/${endpoint.id}`, { version: endpoint.version, enabled: false });
    expect(off.statusCode).toBe(200);
    await runJobs();
    expect(receiver.received).toEqual([]);
    const [delivery] = await deliveriesOf(member, endpoint.id);
    expect(delivery).toMatchObject({
      status: 'failed',
      attemptCount: 0,
      lastError: 'the endpoint is disabled',
    });
    expect(delivery!.attempts).toEqual([]);
    expect((await api(member, 'GET', `/${endpoint.id}`)).json().consecutiveFailures).toBe(0);
  });

  it('takes up again an attempt whose process died before recording it', async () => {
    const member = await createMember(t.database);
    const receiver = await startReceiver(() => 'ok');
    const endpoint = await createEndpoint(member, receiver.url);
    await emit(member, 1);
    await dispatch();
    const [queued] = await deliveriesOf(member, endpoint.id);
    // The attempt is claimed, then the process dies before it sends or records anything.
    const context = { companyId: member.companyId, actor: { type: 'system' as const, id: null } };
    expect(await withTx(t.database, context, (tx) => claimAttempt(tx, queued!.id))).toBeDefined();
    await runJobs();
    expect(receiver.received).toEqual([]);
    // Its lease runs out: the job queued for that moment makes the attempt.
    await withSystemTx(t.database, async (db) => {
      await db.execute(
        sql`update webhook_deliveries set next_attempt_at = now() - interval '1 second' where id = ${queued!.id}`,
      );
      await db.execute(
        sql`update jobs set run_at = now() where status = 'queued' and payload->>'deliveryId' = ${queued!.id}`,
      );
    });
    await runJobs();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = await deliveriesOf(member, endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 2 });
    expect(delivery!.attempts.map((a) => a.ok)).toEqual([true]);
  });
});
