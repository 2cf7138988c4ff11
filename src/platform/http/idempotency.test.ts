import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { queryRows } from '../db/database.ts';

const t = useTestApp();
let admin: Member;

beforeAll(async () => {
  admin = await createMember(t.database);
});

function post(key: string, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/parties',
    headers: { ...admin.auth, 'idempotency-key': key },
    payload,
  });
}

async function countNamed(name: string): Promise<number> {
  const [row] = await t.database.transaction((db) =>
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from crm_parties where name = ${name}`),
  );
  return row!.n;
}

describe('Idempotency-Key', () => {
  it('replays the first answer to a retry, and the write takes effect once', async () => {
    const body = { kind: 'organisation', name: 'Retry Ltd', isCustomer: true };
    const first = await post('key-1', body);
    const retry = await post('key-1', body);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await countNamed('Retry Ltd')).toBe(1);
  });

  it('refuses the same key with a different request (422) and writes nothing', async () => {
    await post('key-2', { kind: 'organisation', name: 'First Body', isCustomer: true });
    const before = await databaseFingerprint(t.database);
    const reused = await post('key-2', { kind: 'organisation', name: 'Second Body', isCustomer: true });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('platform.idempotency_key_reused');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('does not keep a key whose request failed, so a corrected retry goes through', async () => {
    const bad = await post('key-3', { kind: 'organisation', name: 'No Role' });
    expect(bad.statusCode).toBe(422);
    const good = await post('key-3', { kind: 'organisation', name: 'No Role', isSupplier: true });
    expect(good.statusCode).toBe(201);
  });

  it('refuses a malformed key', async () => {
    const response = await post('bad key with spaces', { kind: 'organisation', name: 'X', isCustomer: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('platform.validation_failed');
  });

  it.skipIf(!onPostgres)(
    'takes effect once when the same request arrives many times at the same instant',
    async () => {
      const body = { kind: 'organisation', name: 'Stampede GmbH', isCustomer: true };
      const responses = await Promise.all(Array.from({ length: 12 }, () => post('key-stampede', body)));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
      expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
      expect(await countNamed('Stampede GmbH')).toBe(1);
    },
  );
});
