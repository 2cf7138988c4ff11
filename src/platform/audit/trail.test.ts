import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { sealAuditLog } from './sealer.ts';
import { auditCsv } from './trail.ts';

const t = useTestApp();
let admin: Member;
let partyId: string;

function get(member: Member, url: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: member.auth });
}

beforeAll(async () => {
  admin = await createMember(t.database);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/parties',
    headers: admin.auth,
    payload: { kind: 'organisation', name: 'Audited, "Inc"', isCustomer: true },
  });
  partyId = created.json().id;
  for (const [version, phone] of [
    [1, '+1 555 0100'],
    [2, '=cmd|"/c calc"!A1'],
  ] as const) {
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/crm/parties/${partyId}`,
      headers: admin.auth,
      payload: { version, phone },
    });
  }
  await sealAuditLog(t.database);
});

describe('the audit trail API', () => {
  it("reads one record's trail, oldest first, with who, what and the seal", async () => {
    const response = await get(admin, `/audit/records/crm.party/${partyId}`);
    expect(response.statusCode).toBe(200);
    const entries = response.json().data;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'update']);
    expect(entries[1]).toMatchObject({
      actorType: 'user',
      actorId: admin.userId,
      changes: { phone: { old: null, new: '+1 555 0100' } },
      sealSeq: 2,
    });
    expect(entries[1].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('searches by actor, entity, action and time, page by page', async () => {
    const firstPage = await get(admin, `/audit/entries?actorId=${admin.userId}&entity=crm.party&limit=2`);
    expect(firstPage.statusCode).toBe(200);
    expect(firstPage.json().data).toHaveLength(2);
    const next = firstPage.json().page.nextCursor;
    const secondPage = await get(
      admin,
      `/audit/entries?actorId=${admin.userId}&entity=crm.party&limit=2&cursor=${next}`,
    );
    expect(secondPage.json().data).toHaveLength(1);
    expect(secondPage.json().page.nextCursor).toBeNull();
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect((await get(admin, `/audit/entries?from=${future}`)).json().data).toEqual([]);
    expect((await get(admin, '/audit/entries?action=update')).json().data).toHaveLength(2);
  });

  it('exports CSV, quoting commas and quotes and defusing spreadsheet formulas', async () => {
    const response = await get(admin, `/audit/entries.csv?entityId=${partyId}&sort=occurredAt`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'occurredAt,actorType,actorId,entity,entityId,action,changes,requestId,sourceIp,id,sealSeq,hash',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('""name"":{""new"":""Audited, \\""Inc\\"""",""old"":null}');
    expect(lines[3]).toContain('""new"":""=cmd|\\""/c calc\\""!A1""');
    const forged = { entityId: '=HYPERLINK("http://evil")' } as never;
    expect(auditCsv([forged], false)).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("shows nothing of another company's trail", async () => {
    const stranger = await createMember(t.database);
    expect((await get(stranger, `/audit/records/crm.party/${partyId}`)).json().data).toEqual([]);
    expect((await get(stranger, '/audit/entries')).json().data).toEqual([]);
  });

  it('is refused to a role without audit.log.read, writing nothing', async () => {
    const clerk = await joinCompany(t.database, admin.companyId, 'warehouse_clerk');
    const before = await databaseFingerprint(t.database);
    const response = await get(clerk, '/audit/entries');
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('platform.forbidden');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
