import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { runChecks } from '../../platform/checks.ts';
import { modules } from '../registry.ts';

const t = useTestApp();
let admin: Member;
let warehouse: { id: string; stockLocationId: string };
let virtual: Record<string, string>;

type Req = {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  payload?: unknown;
  member?: Member;
  headers?: Record<string, string>;
};
async function call({ method, url, payload, member = admin, headers = {} }: Req) {
  const response = await t.app.inject({
    method,
    url,
    payload: payload as object,
    headers: { ...member.auth, ...headers },
  });
  return { status: response.statusCode, body: response.json() };
}

let skuSeq = 0;
async function product(kind: 'stockable' | 'consumable' | 'service' = 'stockable') {
  const { status, body } = await call({
    method: 'POST',
    url: '/api/v1/catalog/products',
    payload: {
      name: `Item ${++skuSeq}`,
      kind,
      currencyCode: 'EUR',
      salePrice: '9.90',
      variants: [{ sku: `T-${skuSeq}-${Date.now()}` }],
    },
  });
  expect(status).toBe(201);
  return body.variants[0].id as string;
}

const receive = (variantId: string, quantity: string, to = warehouse.stockLocationId) =>
  call({
    method: 'POST',
    url: '/api/v1/inventory/moves',
    payload: {
      moves: [{ variantId, fromLocationId: virtual.supplier, toLocationId: to, quantity, reason: 'receipt' }],
    },
  });
const sell = (variantId: string, quantity: string, recordOnly = false) =>
  call({
    method: 'POST',
    url: '/api/v1/inventory/moves',
    payload: {
      moves: [
        {
          variantId,
          fromLocationId: warehouse.stockLocationId,
          toLocationId: virtual.customer,
          quantity,
          reason: 'delivery',
        },
      ],
      recordOnly,
    },
  });
async function level(variantId: string) {
  const { body } = await call({
    method: 'GET',
    url: `/api/v1/inventory/stock?variantId=${variantId}&locationId=${warehouse.stockLocationId}`,
  });
  return body.data[0] ?? { onHand: '0', reserved: '0', available: '0', negativeFlagged: false };
}

beforeAll(async () => {
  admin = await createMember(t.database);
  const created = await call({
    method: 'POST',
    url: '/api/v1/inventory/warehouses',
    payload: { code: 'WH1', name: 'Main' },
  });
  expect(created.status).toBe(201);
  warehouse = created.body;
  const locations = await call({ method: 'GET', url: '/api/v1/inventory/locations' });
  virtual = Object.fromEntries(
    locations.body.data
      .filter((l: { warehouseId: string | null }) => !l.warehouseId)
      .map((l: { kind: string; id: string }) => [l.kind, l.id]),
  );
});

describe('the stock ledger', () => {
  it('keeps on hand as the sum of moves: receipts add, deliveries take, exactly', async () => {
    const item = await product();
    expect((await receive(item, '10.5')).status).toBe(201);
    expect((await sell(item, '0.25')).status).toBe(201);
    expect(await level(item)).toMatchObject({ onHand: '10.25', available: '10.25', negativeFlagged: false });
    const history = await call({ method: 'GET', url: `/api/v1/inventory/moves?variantId=${item}` });
    expect(
      history.body.data.map((m: { reason: string; quantity: string }) => `${m.reason}:${m.quantity}`),
    ).toEqual(['delivery:0.25', 'receipt:10.5']);
  });

  it('refuses to take more than is available, with a clear 409, writing nothing', async () => {
    const item = await product();
    await receive(item, '3');
    const before = await databaseFingerprint(t.database);
    const refused = await sell(item, '4');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('inventory.insufficient_stock');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('records what already happened past zero when told to, and flags it for the stock manager', async () => {
    const item = await product();
    await receive(item, '1');
    const recorded = await sell(item, '3', true);
    expect(recorded.status).toBe(201);
    expect(recorded.body.data[0].forcedNegative).toBe(true);
    expect(await level(item)).toMatchObject({ onHand: '-2', negativeFlagged: true });
    const flagged = await call({ method: 'GET', url: '/api/v1/inventory/stock?negative=true' });
    expect(flagged.body.data.map((s: { variantId: string }) => s.variantId)).toContain(item);
    const results = await runChecks(t.database, modules);
    expect(results.find((r) => r.name.startsWith('no stock below zero'))!.violations.join()).toMatch(
      /recorded sale past zero/,
    );
    await receive(item, '2');
    expect(await level(item)).toMatchObject({ onHand: '0', negativeFlagged: false });
  });

  it('never edits a posted move: corrections are reversals, once', async () => {
    const item = await product();
    const posted = await receive(item, '5');
    const moveId = posted.body.data[0].id;
    const reversed = await call({
      method: 'POST',
      url: `/api/v1/inventory/moves/${moveId}/reverse`,
      payload: { note: 'wrong item' },
    });
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({
      reversesMoveId: moveId,
      quantity: '5',
      fromLocationId: warehouse.stockLocationId,
    });
    expect(await level(item)).toMatchObject({ onHand: '0' });
    const again = await call({
      method: 'POST',
      url: `/api/v1/inventory/moves/${moveId}/reverse`,
      payload: {},
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('inventory.already_reversed');
  });

  it('keeps services out of the stock ledger', async () => {
    const service = await product('service');
    const refused = await receive(service, '1');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('inventory.not_stocked');
  });

  it('reserves against available stock and releases it', async () => {
    const item = await product();
    await receive(item, '5');
    const reserve = (quantity: string) =>
      call({
        method: 'POST',
        url: '/api/v1/inventory/reservations',
        payload: {
          variantId: item,
          locationId: warehouse.stockLocationId,
          quantity,
          referenceType: 'sales.order',
          referenceId: 'SO-1',
        },
      });
    const first = await reserve('4');
    expect(first.status).toBe(201);
    expect(await level(item)).toMatchObject({ onHand: '5', reserved: '4', available: '1' });
    expect((await reserve('2')).body.code).toBe('inventory.insufficient_stock');
    expect((await sell(item, '2')).status).toBe(409);
    const released = await call({
      method: 'POST',
      url: `/api/v1/inventory/reservations/${first.body.id}/release`,
    });
    expect(released.status).toBe(200);
    expect(await level(item)).toMatchObject({ reserved: '0', available: '5' });
    expect(
      (await call({ method: 'POST', url: `/api/v1/inventory/reservations/${first.body.id}/release` })).body
        .code,
    ).toBe('inventory.reservation_released');
  });

  it('passes tandem check after any sequence of receipts, deliveries, transfers and reversals', async () => {
    const shop = (
      await call({
        method: 'POST',
        url: '/api/v1/inventory/warehouses',
        payload: { code: 'SHOP', name: 'Shop' },
      })
    ).body;
    const items = [await product(), await product()];
    const step = fc.record({
      kind: fc.constantFrom('receive', 'deliver', 'transfer', 'reverse'),
      item: fc.constantFrom(...items),
      quantity: fc.integer({ min: 1, max: 5 }).map(String),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        let last: string | undefined;
        for (const s of steps) {
          const moves = {
            receive: { fromLocationId: virtual.supplier, toLocationId: warehouse.stockLocationId },
            deliver: { fromLocationId: warehouse.stockLocationId, toLocationId: virtual.customer },
            transfer: { fromLocationId: warehouse.stockLocationId, toLocationId: shop.stockLocationId },
          };
          const response =
            s.kind === 'reverse'
              ? last
                ? await call({ method: 'POST', url: `/api/v1/inventory/moves/${last}/reverse`, payload: {} })
                : undefined
              : await call({
                  method: 'POST',
                  url: '/api/v1/inventory/moves',
                  payload: {
                    moves: [{ variantId: s.item, quantity: s.quantity, reason: s.kind, ...moves[s.kind] }],
                  },
                });
          if (response) expect([201, 409]).toContain(response.status);
          if (response?.status === 201 && s.kind !== 'reverse') last = response.body.data[0].id;
        }
        const stock = await call({ method: 'GET', url: '/api/v1/inventory/stock' });
        for (const row of stock.body.data) expect(Number(row.onHand)).toBeGreaterThanOrEqual(0);
        const results = await runChecks(t.database, modules);
        expect(
          results
            .filter((r) => r.name.startsWith('stock on hand') || r.name.startsWith('reserved'))
            .flatMap((r) => r.violations),
        ).toEqual([]);
      }),
      { numRuns: 15, seed: 42 },
    );
  });

  it('hides one company’s stock from another', async () => {
    const item = await product();
    await receive(item, '7');
    const outsider = await createMember(t.database);
    const seen = await call({
      method: 'GET',
      url: `/api/v1/inventory/stock?variantId=${item}`,
      member: outsider,
    });
    expect(seen.body.data).toEqual([]);
    const history = await call({
      method: 'GET',
      url: `/api/v1/inventory/moves?variantId=${item}`,
      member: outsider,
    });
    expect(history.body.data).toEqual([]);
  });

  it.skipIf(!onPostgres)(
    'sells exactly the last 10 units to 32 concurrent buyers; the others get insufficient_stock',
    async () => {
      const item = await product();
      await receive(item, '10');
      const results = await Promise.all(Array.from({ length: 32 }, () => sell(item, '1')));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(22);
      expect(
        results.filter((r) => r.status === 409).every((r) => r.body.code === 'inventory.insufficient_stock'),
      ).toBe(true);
      expect(await level(item)).toMatchObject({ onHand: '0' });
    },
  );
});
