import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { queryRows } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { MAX_ENDPOINTS_PER_COMPANY } from './endpoints.ts';
import { configureWebhooks } from './settings.ts';

// The management API with the SSRF guard on, as in production: endpoints point at a public
// address literal (no DNS, no traffic: nothing is delivered in this file).
configureWebhooks({ allowPrivate: false });
const t = useTestApp();
const PUBLIC_URL = 'https://93.184.215.14/hooks/tandem';
const PARTY_CREATED = 'crm.party.created@1';

let admin: Member;
beforeAll(async () => {
  admin = await createMember(t.database);
});

async function create(member: Member, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks/endpoints',
    headers: member.auth,
    payload: body,
  });
}

async function createEndpoint(member = admin, eventTypes = [PARTY_CREATED]) {
  const response = await create(member, { url: PUBLIC_URL, eventTypes });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function auditRows(entityId: string) {
  return withSystemTx(t.database, (db) =>
    queryRows<{ action: string; changes: string }>(
      db,
      sql`select action, changes::text as changes from audit_log where entity_id = ${entityId} order by id`,
    ),
  );
}

describe('creating an endpoint', () => {
  it('answers with the secret once; reads never show it and the audit log only says it was set', async () => {
    const created = await createEndpoint();
    expect(created).toMatchObject({
      url: PUBLIC_URL,
      eventTypes: [PARTY_CREATED],
      enabled: true,
      version: 1,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/endpoints/${created.id}`,
      headers: admin.auth,
    });
    expect(got.statusCode).toBe(200);
    expect(got.json()).not.toHaveProperty('secret');
    expect(got.body).not.toContain('whsec_');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/endpoints',
      headers: admin.auth,
    });
    expect(list.body).not.toContain('whsec_');
    const [audit] = await auditRows(created.id);
    expect(audit!.action).toBe('create');
    expect(JSON.parse(audit!.changes).secret).toEqual({ old: null, new: '[redacted]' });
    expect(audit!.changes).not.toContain('whsec_');
  });

  it.each([
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/', 'webhook.url_not_allowed'],
    ['loopback', 'http://127.0.0.1:8080/hooks', 'webhook.url_not_allowed'],
    ['IPv6 loopback', 'http://[::1]/hooks', 'webhook.url_not_allowed'],
    ['a private network', 'https://10.1.2.3/hooks', 'webhook.url_not_allowed'],
    ['loopback in disguise', 'http://2130706433/hooks', 'webhook.url_not_allowed'],
    ['a non-http scheme', 'ftp://93.184.215.14/hooks', 'webhook.url_scheme_not_allowed'],
    ['credentials in the URL', 'https://user:pw@93.184.215.14/hooks', 'webhook.url_credentials_not_allowed'],
  ])('refuses %s with a 422 and writes nothing', async (_name, url, code) => {
    const before = await databaseFingerprint(t.database);
    const response = await create(admin, { url, eventTypes: ['*'] });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe(code);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('refuses unknown event types with a 422 naming each of them, and writes nothing', async () => {
    const before = await databaseFingerprint(t.database);
    const response = await create(admin, {
      url: PUBLIC_URL,
      eventTypes: [PARTY_CREATED, 'crm.party.exploded@1', 'crm.party.created'],
    });
    expect(response.statusCode).toBe(422);
    const problem = response.json();
    expect(problem.code).toBe('webhook.event_type_unknown');
    expect(problem.detail).toContain('crm.party.exploded@1');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.eventTypes.1',
      'body.eventTypes.2',
    ]);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('accepts * and removes repeated event types', async () => {
    const created = await createEndpoint(admin, ['*', '*', PARTY_CREATED]);
    expect(created.eventTypes).toEqual(['*', PARTY_CREATED]);
  });

  it(`refuses more than ${MAX_ENDPOINTS_PER_COMPANY} endpoints per company`, async () => {
    const crowded = await createMember(t.database);
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`insert into webhook_endpoints (company_id, id, url, event_types, secret)
            select ${crowded.companyId}, gen_random_uuid(), ${PUBLIC_URL}, '["*"]'::jsonb, 'whsec_x'
              from generate_series(1, ${MAX_ENDPOINTS_PER_COMPANY})`,
      ),
    );
    const response = await create(crowded, { url: PUBLIC_URL, eventTypes: ['*'] });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('webhook.endpoint_limit_reached');
  });

  it('needs the webhooks.endpoint.manage permission', async () => {
    const clerk = await createMember(t.database, 'hr_manager');
    const response = await create(clerk, { url: PUBLIC_URL, eventTypes: ['*'] });
    expect(response.statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/endpoints',
      headers: clerk.auth,
    });
    expect(list.statusCode).toBe(403);
  });
});

describe('managing endpoints', () => {
  it('lists them a page at a time with the shared cursor pagination', async () => {
    const owner = await createMember(t.database);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createEndpoint(owner)).id);
    const pageOne = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/endpoints?limit=2',
      headers: owner.auth,
    });
    expect(pageOne.statusCode).toBe(200);
    const first = pageOne.json();
    expect(first.data.map((e: { id: string }) => e.id)).toEqual(ids.slice(0, 2));
    const pageTwo = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/endpoints?limit=2&cursor=${first.page.nextCursor}`,
      headers: owner.auth,
    });
    expect(pageTwo.json()).toMatchObject({ data: [{ id: ids[2] }], page: { nextCursor: null, limit: 2 } });
  });

  it('updates with the version read, refuses a stale one, and checks a new URL', async () => {
    const created = await createEndpoint();
    const url = `/api/v1/webhooks/endpoints/${created.id}`;
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url, headers: admin.auth, payload });
    const updated = await patch({ version: 1, description: 'ERP to CRM', eventTypes: ['*'] });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ description: 'ERP to CRM', eventTypes: ['*'], version: 2 });
    const stale = await patch({ version: 1, description: 'lost update' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('platform.version_conflict');
    const before = await databaseFingerprint(t.database);
    const internal = await patch({ version: 2, url: 'http://192.168.1.1/admin' });
    expect(internal.statusCode).toBe(422);
    expect(internal.json().code).toBe('webhook.url_not_allowed');
    const unknown = await patch({ version: 2, eventTypes: ['nope@1'] });
    expect(unknown.statusCode).toBe(422);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('disables by hand with a reason, and enabling again starts afresh', async () => {
    const created = await createEndpoint();
    const url = `/api/v1/webhooks/endpoints/${created.id}`;
    const off = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.auth,
      payload: { version: 1, enabled: false },
    });
    expect(off.json()).toMatchObject({ enabled: false, disabledReason: 'disabled by a user' });
    const on = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.auth,
      payload: { version: 2, enabled: true },
    });
    expect(on.json()).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
  });

  it('rotates the secret with an overlap, shown once, never written to the audit log', async () => {
    const created = await createEndpoint();
    const url = `/api/v1/webhooks/endpoints/${created.id}/rotate-secret`;
    const rotated = await t.app.inject({ method: 'POST', url, headers: admin.auth, payload: {} });
    expect(rotated.statusCode).toBe(200);
    const body = rotated.json();
    expect(body.secret).toMatch(/^whsec_/);
    expect(body.secret).not.toBe(created.secret);
    const overlapMs = Date.parse(body.previousSecretExpiresAt) - Date.now();
    expect(overlapMs).toBeGreaterThan(23.9 * 3600_000);
    expect(overlapMs).toBeLessThanOrEqual(24 * 3600_000);
    const immediate = await t.app.inject({
      method: 'POST',
      url,
      headers: admin.auth,
      payload: { overlapSeconds: 0 },
    });
    expect(immediate.json()).toMatchObject({ previousSecretExpiresAt: null, version: 3 });
    const audits = await auditRows(created.id);
    expect(audits.map((a) => a.action)).toEqual(['create', 'rotate_secret', 'rotate_secret']);
    for (const audit of audits) expect(audit.changes).not.toContain('whsec_');
    expect(JSON.parse(audits[1]!.changes)).toMatchObject({
      secret: { old: '[redacted]', new: '[redacted]' },
    });
  });

  it('deletes an endpoint with its delivery log', async () => {
    const created = await createEndpoint();
    await withSystemTx(t.database, async (db) => {
      const deliveryId = newId();
      await db.execute(
        sql`insert into webhook_deliveries (company_id, id, endpoint_id, event_id, event_type, status)
            values (${admin.companyId}, ${deliveryId}, ${created.id}, ${newId()}, ${PARTY_CREATED}, 'failed')`,
      );
      await db.execute(
        sql`insert into webhook_attempts (company_id, id, delivery_id, ok, status_code, latency_ms)
            values (${admin.companyId}, ${newId()}, ${deliveryId}, false, 500, 12)`,
      );
    });
    const url = `/api/v1/webhooks/endpoints/${created.id}`;
    const deleted = await t.app.inject({ method: 'DELETE', url, headers: admin.auth });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url, headers: admin.auth })).statusCode).toBe(404);
    const [left] = await withSystemTx(t.database, (db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from webhook_deliveries where endpoint_id = ${created.id}`,
      ),
    );
    expect(left!.n).toBe(0);
    expect((await auditRows(created.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it("answers 404 for another company's endpoint, whatever the route, and changes nothing", async () => {
    const created = await createEndpoint();
    const outsider = await createMember(t.database);
    const base = `/api/v1/webhooks/endpoints/${created.id}`;
    const before = await databaseFingerprint(t.database);
    const requests = [
      { method: 'GET', url: base },
      { method: 'PATCH', url: base, payload: { version: 1, enabled: false } },
      { method: 'DELETE', url: base },
      { method: 'POST', url: `${base}/rotate-secret`, payload: {} },
      { method: 'GET', url: `${base}/deliveries` },
      { method: 'POST', url: `${base}/deliveries/${newId()}/replay` },
    ] as const;
    for (const request of requests) {
      const response = await t.app.inject({ ...request, headers: outsider.auth });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(response.json().code).toBe('webhook.endpoint_not_found');
    }
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
