import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { newId } from '../../platform/ids.ts';

const t = useTestApp();
let admin: Member;
let cashier: Member;
let manager: Member;
let register: { id: string };
let shiftId: string;
let service: string;

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, member = admin) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: member.auth,
  });
  return { status: response.statusCode, body: response.json() };
}

const sell = (discountPercent: string, extra: object = {}) =>
  call(
    'POST',
    '/pos/sales',
    {
      registerId: register.id,
      shiftId,
      clientSaleId: `ovr-${newId()}`,
      lines: [{ variantId: service, quantity: '1', discountPercent }],
      payments: [{ method: 'cash', amount: '100.00' }],
      ...extra,
    },
    cashier,
  );

beforeAll(async () => {
  admin = await createMember(t.database);
  cashier = await joinCompany(t.database, admin.companyId, 'cashier');
  manager = await joinCompany(t.database, admin.companyId, 'approver');
  await call('POST', '/accounting/setup', {
    template: 'generic',
    fiscalYearStart: `${new Date().getUTCFullYear()}-01-01`,
  });
  const warehouse = (await call('POST', '/inventory/warehouses', { code: 'OVR', name: 'Override shop' }))
    .body;
  register = (
    await call('POST', '/pos/registers', {
      code: 'O1',
      name: 'Guarded till',
      warehouseId: warehouse.id,
      discountLimitPercent: '10',
      returnsNeedApproval: true,
    })
  ).body;
  expect(register).toMatchObject({ discountLimitPercent: '10', returnsNeedApproval: true });
  service = (
    await call('POST', '/catalog/products', {
      name: 'Gift wrapping',
      kind: 'service',
      currencyCode: 'EUR',
      salePrice: '5.00',
      variants: [{ sku: `GW-${newId().slice(-6)}` }],
    })
  ).body.variants[0].id;
  shiftId = (await call('POST', '/pos/shifts', { registerId: register.id, openingFloat: '50.00' }, cashier))
    .body.id;
});

describe('manager override at the till', () => {
  it('lets a cashier give a discount within the limit, and asks a manager above it', async () => {
    expect((await sell('10')).status).toBe(201);
    const before = await databaseFingerprint(t.database);
    const over = await sell('25');
    expect(over.status).toBe(403);
    expect(over.body.code).toBe('pos.approval_required');
    expect(over.body.detail).toContain('25 %');
    expect(await databaseFingerprint(t.database)).toEqual(before);

    expect((await call('PUT', '/pos/manager-pin', { pin: '12' }, manager)).status).toBe(400);
    expect((await call('PUT', '/pos/manager-pin', { pin: '2468' }, cashier)).status).toBe(403);
    expect((await call('PUT', '/pos/manager-pin', { pin: '2468' }, manager)).status).toBe(200);
    const approved = await sell('25', { override: { managerId: manager.userId, pin: '2468' } });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ approvedBy: manager.userId, total: '3.75' });
  });

  it('refuses a wrong PIN, a PIN of someone who may not approve, and locks after five wrong tries', async () => {
    const wrong = await sell('25', { override: { managerId: manager.userId, pin: '0000' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('pos.approval_refused');
    const cashierAsManager = await sell('25', { override: { managerId: cashier.userId, pin: '2468' } });
    expect(cashierAsManager.body.code).toBe('pos.approval_refused');

    const second = await joinCompany(t.database, admin.companyId, 'approver');
    await call('PUT', '/pos/manager-pin', { pin: '135790' }, second);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await sell('30', { override: { managerId: second.userId, pin: '999999' } })).body.code);
    // The wrong tries are counted although each sale was refused and rolled back.
    expect(codes).toEqual([
      'pos.approval_refused',
      'pos.approval_refused',
      'pos.approval_refused',
      'pos.approval_refused',
      'pos.approval_locked',
    ]);
    const locked = await sell('30', { override: { managerId: second.userId, pin: '135790' } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('pos.approval_locked');
  });

  it('asks a manager for refunds where the till says so', async () => {
    const sale = await sell('0');
    const body = {
      shiftId,
      clientReturnId: `ret-${newId()}`,
      lines: [{ lineNo: 1, quantity: '1' }],
      refundMethod: 'cash',
    };
    const refused = await call('POST', `/pos/sales/${sale.body.id}/returns`, body, cashier);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('pos.approval_required');
    const refunded = await call(
      'POST',
      `/pos/sales/${sale.body.id}/returns`,
      { ...body, override: { managerId: manager.userId, pin: '2468' } },
      cashier,
    );
    expect(refunded.status).toBe(201);
    expect(refunded.body).toMatchObject({ kind: 'return', approvedBy: manager.userId });
  });
});
