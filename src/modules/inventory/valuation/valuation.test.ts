import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../../test/support/app.ts';
import { databaseFingerprint } from '../../../../test/support/counts.ts';
import { onPostgres } from '../../../../test/support/db.ts';
import { runChecks } from '../../../platform/checks.ts';
import { queryRows } from '../../../platform/db/database.ts';
import { withSystemTx, withTx } from '../../../platform/db/tx.ts';
import { createCategory } from '../../catalog/index.ts';
import { modules } from '../../registry.ts';

const t = useTestApp();
let admin: Member;
let warehouse: { id: string; stockLocationId: string };
let shop: { id: string; stockLocationId: string };
let virtual: Record<string, string>;
const categories: Record<'fifo' | 'average', string> = { fifo: '', average: '' };

async function call(method: 'GET' | 'POST', url: string, payload?: unknown, member = admin) {
  const response = await t.app.inject({ method, url, payload: payload as object, headers: member.auth });
  return { status: response.statusCode, body: response.json() };
}

let skuSeq = 0;
async function product(valuation: 'fifo' | 'average', costPrice?: string, currencyCode = 'EUR') {
  const { status, body } = await call('POST', '/api/v1/catalog/products', {
    name: `Valued ${++skuSeq}`,
    kind: 'stockable',
    categoryId: categories[valuation],
    currencyCode,
    salePrice: '9.90',
    ...(costPrice ? { costPrice } : {}),
    variants: [{ sku: `V-${skuSeq}-${Date.now()}` }],
  });
  expect(status).toBe(201);
  return body.variants[0].id as string;
}

type MoveBody = {
  variantId: string;
  fromLocationId: string;
  toLocationId: string;
  quantity: string;
  unitCost?: string;
};
const post = (moves: MoveBody[], recordOnly = false) =>
  call('POST', '/api/v1/inventory/moves', {
    moves: moves.map((m) => ({ reason: 'test', ...m })),
    recordOnly,
  });
const receive = (variantId: string, quantity: string, unitCost?: string, to = warehouse.stockLocationId) =>
  post([
    {
      variantId,
      fromLocationId: virtual.supplier!,
      toLocationId: to,
      quantity,
      ...(unitCost ? { unitCost } : {}),
    },
  ]);
const deliver = (variantId: string, quantity: string, recordOnly = false, from = warehouse.stockLocationId) =>
  post([{ variantId, fromLocationId: from, toLocationId: virtual.customer!, quantity }], recordOnly);
const transfer = (variantId: string, quantity: string) =>
  post([
    { variantId, fromLocationId: warehouse.stockLocationId, toLocationId: shop.stockLocationId, quantity },
  ]);
const reverse = (moveId: string) => call('POST', `/api/v1/inventory/moves/${moveId}/reverse`, {});
const idOf = (posted: { body: { data: { id: string }[] } }) => posted.body.data[0]!.id;
const entries = async (variantId: string) =>
  (await call('GET', `/api/v1/inventory/valuation/entries?variantId=${variantId}`)).body.data;
const book = async (variantId: string) =>
  (await call('GET', `/api/v1/inventory/valuation/layers?variantId=${variantId}`)).body;
async function stockValue(variantId: string, query = '') {
  const { status, body } = await call('GET', `/api/v1/inventory/valuation?variantId=${variantId}${query}`);
  expect(status).toBe(200);
  return body.data[0] ?? { quantity: '0', valueMinor: 0 };
}
async function valuationViolations() {
  const results = await runChecks(t.database, modules);
  const names = ['FIFO', 'stock value', 'the valued quantity', 'stock on hand'];
  return results
    .filter((r) => names.some((n) => r.name.includes(n)))
    .flatMap((r) => [...r.violations, r.error ?? '']);
}
const noViolations = async () => expect((await valuationViolations()).filter(Boolean)).toEqual([]);

// Moves are posted at the transaction's time; to look at the past, a test moves its rows back in
// time as the superuser with triggers off (the ledgers refuse the update otherwise).
async function backdate(moveIds: string[], days: number) {
  await withSystemTx(t.database, async (db) => {
    await db.execute(sql`set local session_replication_role = replica`);
    const ids = sql.join(
      moveIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    for (const table of ['inventory_moves', 'inventory_valuation_entries', 'inventory_cost_layers']) {
      const column = table === 'inventory_moves' ? sql`id` : sql`move_id`;
      await db.execute(
        sql`update ${sql.identifier(table)} set posted_at = posted_at - make_interval(days => ${days}) where ${column} in (${ids})`,
      );
    }
  });
}
const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function valuationEvents(variantId: string) {
  return t.database.transaction((db) =>
    queryRows<{ payload: Record<string, unknown> }>(
      db,
      sql`select payload from event_outbox where aggregate_id = ${variantId} and type = 'inventory.valuation.changed' order by id`,
    ),
  );
}

beforeAll(async () => {
  admin = await createMember(t.database);
  warehouse = (await call('POST', '/api/v1/inventory/warehouses', { code: 'WH1', name: 'Main' })).body;
  shop = (await call('POST', '/api/v1/inventory/warehouses', { code: 'SHOP', name: 'Shop' })).body;
  const locations = await call('GET', '/api/v1/inventory/locations');
  virtual = Object.fromEntries(
    locations.body.data
      .filter((l: { warehouseId: string | null }) => !l.warehouseId)
      .map((l: { kind: string; id: string }) => [l.kind, l.id]),
  );
  const ctx = { companyId: admin.companyId, actor: { type: 'user' as const, id: admin.userId } };
  for (const valuation of ['fifo', 'average'] as const) {
    categories[valuation] = (
      await withTx(t.database, ctx, (tx) => createCategory(tx, { name: `Valued ${valuation}`, valuation }))
    ).id;
  }
});

describe('FIFO valuation', () => {
  it('takes the oldest layers first: 10 @ 2.00 and 10 @ 3.00, 15 delivered, are 35.00 out and 5 @ 3.00 left', async () => {
    const item = await product('fifo');
    expect((await receive(item, '10', '2.00')).status).toBe(201);
    expect((await receive(item, '10', '3.00')).status).toBe(201);
    const delivered = await deliver(item, '15');
    expect(delivered.status).toBe(201);
    const [out] = await entries(item);
    expect(out).toMatchObject({
      moveId: idOf(delivered),
      method: 'fifo',
      quantity: '-15',
      valueMinor: -3500,
    });
    expect(out).toMatchObject({
      value: '-35.00',
      unitCost: '2.333333',
      quantityAfter: '5',
      valueAfterMinor: 1500,
    });
    const { layers } = await book(item);
    expect(layers).toEqual([
      expect.objectContaining({
        quantity: '10',
        quantityRemaining: '5',
        unitCost: '3',
        valueRemainingMinor: 1500,
      }),
    ]);
    expect(await stockValue(item)).toMatchObject({
      quantity: '5',
      valueMinor: 1500,
      value: '15.00',
      unitCost: '3.000000',
    });
    await noViolations();
  });

  it('splits a layer of 3 for 10.00 into consumptions that sum to 10.00 exactly', async () => {
    const item = await product('fifo');
    await receive(item, '3', '3.333333');
    expect((await book(item)).layers[0]).toMatchObject({ valueMinor: 1000 });
    for (let i = 0; i < 3; i++) await deliver(item, '1');
    const out = (await entries(item)).filter((e: { quantity: string }) => e.quantity === '-1');
    expect(
      out.map((e: { valueMinor: number }) => e.valueMinor).sort((a: number, b: number) => a - b),
    ).toEqual([-334, -333, -333]);
    expect(await stockValue(item)).toMatchObject({ quantity: '0', valueMinor: 0 });
    await noViolations();
  });

  it('reverses a delivery back into the layers it took from, exactly', async () => {
    const item = await product('fifo');
    await receive(item, '4', '2.50');
    await receive(item, '4', '4.00');
    const before = await book(item);
    const delivered = await deliver(item, '6');
    expect((await reverse(idOf(delivered))).status).toBe(201);
    expect(await book(item)).toEqual(before);
    const [back] = await entries(item);
    expect(back).toMatchObject({ quantity: '6', valueMinor: 1000 + 800, reversesMoveId: idOf(delivered) });
    expect(await stockValue(item)).toMatchObject({ quantity: '8', valueMinor: 2600 });
    await noViolations();
  });

  it('reverses an untouched receipt whole, and refuses once its goods have left, writing nothing', async () => {
    const item = await product('fifo');
    const first = await receive(item, '5', '1.00');
    const second = await receive(item, '5', '2.00');
    expect((await reverse(idOf(second))).status).toBe(201);
    expect(await stockValue(item)).toMatchObject({ quantity: '5', valueMinor: 500 });
    await receive(item, '5', '3.00');
    await deliver(item, '1');
    const before = await databaseFingerprint(t.database);
    const refused = await reverse(idOf(first));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('inventory.receipt_consumed');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('values goods sold past zero at the last cost, and the next receipt settles the difference', async () => {
    const item = await product('fifo');
    await receive(item, '2', '2.00');
    const sold = await deliver(item, '5', true);
    expect(sold.status).toBe(201);
    const [short] = await entries(item);
    expect(short).toMatchObject({ quantity: '-5', valueMinor: -1000, shortfallQuantity: '3' });
    expect((await book(item)).shortfalls).toEqual([
      expect.objectContaining({ quantityOpen: '3', unitCost: '2', valueOpenMinor: 600 }),
    ]);
    expect(await stockValue(item)).toMatchObject({ quantity: '-3', valueMinor: -600 });
    const received = await receive(item, '10', '3.00');
    const [settled] = await entries(item);
    // 10 received for 30.00; the 3 sold short cost 9.00, not the 6.00 they were valued at.
    expect(settled).toMatchObject({ quantity: '10', valueMinor: 3000 - 300, settlementMinor: -300 });
    expect(await book(item)).toMatchObject({
      shortfalls: [],
      layers: [expect.objectContaining({ quantityRemaining: '7', valueRemainingMinor: 2100 })],
    });
    const events = await valuationEvents(item);
    expect(events.at(-1)!.payload).toMatchObject({
      moveId: idOf(received),
      method: 'fifo',
      quantity: '10',
      valueMinor: 2700,
      settlementMinor: -300,
      currency: 'EUR',
      from: { kind: 'supplier' },
      to: { kind: 'internal', warehouseId: warehouse.id },
    });
    // Reversing the sale brings back all 5, each to the layer it came from at its cost: 2 @ 2.00, 3 @ 3.00.
    expect((await reverse(idOf(sold))).status).toBe(201);
    expect((await entries(item))[0]).toMatchObject({
      quantity: '5',
      valueMinor: 400 + 900,
      settlementMinor: 0,
    });
    expect(await stockValue(item)).toMatchObject({ quantity: '12', valueMinor: 3400 });
    await noViolations();
  });
});

describe('moving average valuation', () => {
  it('issues at the average: 10 @ 2.00 and 10 @ 3.00, 15 delivered, are 37.50 out and 5 @ 2.50 left', async () => {
    const item = await product('average');
    await receive(item, '10', '2.00');
    await receive(item, '10', '3.00');
    await deliver(item, '15');
    const [out] = await entries(item);
    expect(out).toMatchObject({ method: 'average', quantity: '-15', valueMinor: -3750, unitCost: '2.5' });
    expect(await stockValue(item)).toMatchObject({ quantity: '5', valueMinor: 1250, unitCost: '2.500000' });
    expect((await book(item)).layers).toEqual([]);
    await noViolations();
  });

  it('splits 3 for 10.00 into issues that sum to 10.00 exactly, and reverses one as posted', async () => {
    const item = await product('average');
    await receive(item, '3', '3.333333');
    const issues: Awaited<ReturnType<typeof deliver>>[] = [];
    for (let i = 0; i < 3; i++) issues.push(await deliver(item, '1'));
    const out = (await entries(item)).map((e: { valueMinor: number }) => e.valueMinor);
    expect(out.slice(0, 3).reduce((a: number, b: number) => a + b, 0)).toBe(-1000);
    expect(await stockValue(item)).toMatchObject({ quantity: '0', valueMinor: 0 });
    const middle = (await entries(item)).find((e: { moveId: string }) => e.moveId === idOf(issues[1]!));
    await reverse(idOf(issues[1]!));
    expect((await entries(item))[0]).toMatchObject({ quantity: '1', valueMinor: -middle.valueMinor });
    expect(await stockValue(item)).toMatchObject({ quantity: '1', valueMinor: -middle.valueMinor });
    await noViolations();
  });

  it('values goods sold past zero at the average, and the next receipt settles the difference', async () => {
    const item = await product('average');
    await receive(item, '2', '2.00');
    await deliver(item, '5', true);
    expect((await entries(item))[0]).toMatchObject({ valueMinor: -1000, shortfallQuantity: '3' });
    expect(await stockValue(item)).toMatchObject({ quantity: '-3', valueMinor: -600 });
    await receive(item, '10', '3.00');
    expect((await entries(item))[0]).toMatchObject({ valueMinor: 2700, settlementMinor: -300 });
    expect(await stockValue(item)).toMatchObject({ quantity: '7', valueMinor: 2100, unitCost: '3.000000' });
    await noViolations();
  });

  it('writes off what a reversal leaves at zero stock, so no value stays without goods', async () => {
    const item = await product('average');
    const cheap = await receive(item, '10', '2.00');
    await receive(item, '10', '4.00');
    await deliver(item, '10');
    // Taking back the receipt at 2.00 leaves 0 units worth 10.00: that is settled.
    expect((await reverse(idOf(cheap))).status).toBe(201);
    expect((await entries(item))[0]).toMatchObject({
      quantity: '-10',
      valueMinor: -3000,
      settlementMinor: -1000,
    });
    expect(await stockValue(item)).toMatchObject({ quantity: '0', valueMinor: 0 });
    await noViolations();
  });
});

describe('receipt costs', () => {
  it('take the move’s unit cost, else the product’s cost price in the company currency, else zero, and say which', async () => {
    const priced = await product('average', '1.25');
    const foreign = await product('average', '1.25', 'USD');
    const moves = [
      { variantId: priced, unitCost: '2.00' },
      { variantId: priced },
      { variantId: foreign },
    ].map((m) => ({
      fromLocationId: virtual.supplier!,
      toLocationId: warehouse.stockLocationId,
      quantity: '2',
      ...m,
    }));
    const posted = await post(moves);
    expect(posted.status).toBe(201);
    expect(
      posted.body.data.map((m: { costSource: string; unitCost: string }) => [m.costSource, m.unitCost]),
    ).toEqual([
      ['move', '2'],
      ['product', '1.25'],
      ['none', '0'],
    ]);
    expect(await stockValue(priced)).toMatchObject({ quantity: '4', valueMinor: 650 });
    expect(await stockValue(foreign)).toMatchObject({ quantity: '2', valueMinor: 0 });
    expect(await valuationEvents(foreign)).toEqual([]);
  });

  it('refuse a unit cost on a move that is no receipt, writing nothing', async () => {
    const item = await product('fifo');
    await receive(item, '2', '1.00');
    const before = await databaseFingerprint(t.database);
    const refused = await post([
      {
        variantId: item,
        fromLocationId: warehouse.stockLocationId,
        toLocationId: virtual.customer!,
        quantity: '1',
        unitCost: '9',
      },
    ]);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('inventory.unit_cost_not_applicable');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('refuse a receipt whose value is beyond a safe integer of minor units, writing nothing', async () => {
    const item = await product('average');
    const before = await databaseFingerprint(t.database);
    const refused = await receive(item, '99999999999999', '99999999999999');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('inventory.value_out_of_range');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});

describe('the stock value report', () => {
  it('answers quantity and value as of the end of a past day', async () => {
    const item = await product('fifo');
    const old = await receive(item, '10', '2.00');
    const recent = await receive(item, '10', '3.00');
    await backdate([idOf(old)], 3);
    await backdate([idOf(recent)], 1);
    await deliver(item, '5');
    expect(await stockValue(item, `&date=${dayBefore(4)}`)).toMatchObject({ quantity: '0', valueMinor: 0 });
    expect(await stockValue(item, `&date=${dayBefore(3)}`)).toMatchObject({
      quantity: '10',
      valueMinor: 2000,
    });
    expect(await stockValue(item, `&date=${dayBefore(1)}`)).toMatchObject({
      quantity: '20',
      valueMinor: 5000,
    });
    expect(await stockValue(item, `&date=${dayBefore(0)}`)).toMatchObject({
      quantity: '15',
      valueMinor: 4000,
    });
    const history = await entries(item);
    expect(history.map((e: { valueAfterMinor: number }) => e.valueAfterMinor)).toEqual([4000, 5000, 2000]);
  });

  it('splits a variant’s value over warehouses by the quantity each holds, to the minor unit; transfers change no value', async () => {
    const item = await product('average');
    await receive(item, '3', '3.333333');
    expect((await transfer(item, '1')).status).toBe(201);
    expect((await entries(item)).length).toBe(1);
    const main = await stockValue(item, `&warehouseId=${warehouse.id}`);
    const inShop = await stockValue(item, `&warehouseId=${shop.id}`);
    expect([main.quantity, inShop.quantity]).toEqual(['2', '1']);
    expect(main.valueMinor + inShop.valueMinor).toBe(1000);
    expect([main.valueMinor, inShop.valueMinor].sort()).toEqual([333, 667]);
    const report = (await call('GET', `/api/v1/inventory/valuation?warehouseId=${shop.id}&limit=1`)).body;
    expect(report).toMatchObject({ currencyCode: 'EUR', warehouseId: shop.id, page: { limit: 1 } });
    expect(report.totals.valueMinor).toBe(
      report.totals.variants === 1 ? report.data[0].valueMinor : report.totals.valueMinor,
    );
  });

  it('pages through the variants and totals them all', async () => {
    const { body: all } = await call('GET', '/api/v1/inventory/valuation?limit=1000');
    const seen: { valueMinor: number }[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await call(
        'GET',
        `/api/v1/inventory/valuation?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...body.data);
      expect(body.totals).toEqual(all.totals);
      cursor = body.page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data);
    expect(seen.reduce((a, l) => a + l.valueMinor, 0)).toBe(all.totals.valueMinor);
  });

  it('hides one company’s valuation from another', async () => {
    const item = await product('fifo');
    await receive(item, '7', '1.00');
    const outsider = await createMember(t.database);
    const seen = await call('GET', `/api/v1/inventory/valuation?variantId=${item}`, undefined, outsider);
    expect(seen.body.data).toEqual([]);
    expect(
      (await call('GET', `/api/v1/inventory/valuation/entries?variantId=${item}`, undefined, outsider)).body
        .data,
    ).toEqual([]);
    expect(
      (await call('GET', `/api/v1/inventory/valuation/layers?variantId=${item}`, undefined, outsider)).body
        .layers,
    ).toEqual([]);
  });
});

describe('the valuation ledger', () => {
  it('refuses to edit an entry or a layer’s cost, even for the application role', async () => {
    const item = await product('fifo');
    await receive(item, '1', '1.00');
    const ctx = { companyId: admin.companyId, actor: { type: 'user' as const, id: admin.userId } };
    const attempt = (statement: ReturnType<typeof sql>) =>
      withTx(t.database, ctx, (tx) => tx.db.execute(statement));
    await expect(
      attempt(sql`update inventory_valuation_entries set value_minor = 0 where variant_id = ${item}`),
    ).rejects.toThrow();
    await expect(
      attempt(sql`delete from inventory_layer_consumptions where variant_id = ${item}`),
    ).rejects.toThrow();
    await expect(
      attempt(sql`update inventory_cost_layers set unit_cost = 0 where variant_id = ${item}`),
    ).rejects.toThrow();
  });

  it('keeps layers, shortfalls, entries, stock value and on hand in step over any sequence of moves', async () => {
    const items = { fifo: await product('fifo', '1.50'), average: await product('average', '1.50') };
    const move = (kind: fc.Arbitrary<'receive' | 'deliver' | 'scrap' | 'transfer' | 'sell-short'>) =>
      fc.record({
        kind,
        method: fc.constantFrom('fifo' as const, 'average' as const),
        quantity: fc.integer({ min: 1, max: 6 }).map(String),
        cost: fc.integer({ min: 0, max: 1000 }).map((c) => new Decimal(c).div(300).toFixed(6)),
      });
    // Receipts weigh most, so that the other moves find stock to take.
    const step = fc.oneof(
      { arbitrary: move(fc.constant('receive')), weight: 3 },
      { arbitrary: move(fc.constantFrom('deliver', 'scrap', 'transfer', 'sell-short')), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }), weight: 2 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const posted: string[] = [];
        for (const s of steps) {
          if (s.kind === 'reverse') {
            if (posted.length === 0) continue;
            const response = await reverse(posted.splice(s.pick % posted.length, 1)[0]!);
            expect([201, 409]).toContain(response.status);
            continue;
          }
          const variantId = items[s.method];
          const where = {
            receive: {
              fromLocationId: virtual.supplier!,
              toLocationId: warehouse.stockLocationId,
              unitCost: s.cost,
            },
            deliver: { fromLocationId: warehouse.stockLocationId, toLocationId: virtual.customer! },
            'sell-short': { fromLocationId: shop.stockLocationId, toLocationId: virtual.customer! },
            scrap: { fromLocationId: warehouse.stockLocationId, toLocationId: virtual.loss! },
            transfer: { fromLocationId: warehouse.stockLocationId, toLocationId: shop.stockLocationId },
          }[s.kind];
          const response = await post(
            [{ variantId, quantity: s.quantity, ...where }],
            s.kind === 'sell-short',
          );
          expect([201, 409]).toContain(response.status);
          if (response.status !== 201) continue;
          posted.push(idOf(response));
          if (s.method === 'fifo' && s.kind !== 'receive' && s.kind !== 'transfer') {
            await expectOldestTaken(idOf(response));
          }
        }
        await noViolations();
        for (const variantId of Object.values(items)) await expectConsistent(variantId);
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it.skipIf(!onPostgres)(
    'keeps value consistent under 16 concurrent deliveries of one item, and of two',
    async () => {
      for (const method of ['fifo', 'average'] as const) {
        const item = await product(method);
        await receive(item, '8', '2.00');
        await receive(item, '8', '3.00');
        const results = await Promise.all(Array.from({ length: 16 }, () => deliver(item, '1')));
        expect(results.map((r) => r.status)).toEqual(Array(16).fill(201));
        const out = (await entries(item)).filter((e: { quantity: string }) => e.quantity === '-1');
        expect(out).toHaveLength(16);
        expect(out.reduce((a: number, e: { valueMinor: number }) => a + e.valueMinor, 0)).toBe(-4000);
        expect(await stockValue(item)).toMatchObject({ quantity: '0', valueMinor: 0 });
      }
      // Postings naming two items in either order lock them in one order: none deadlocks.
      const [a, b] = [await product('fifo'), await product('average')];
      for (const item of [a, b]) await receive(item, '20', '1.00');
      const line = (variantId: string) => ({
        variantId,
        fromLocationId: warehouse.stockLocationId,
        toLocationId: virtual.customer!,
        quantity: '1',
      });
      const both = await Promise.all(
        Array.from({ length: 16 }, (_, i) => post(i % 2 ? [line(a), line(b)] : [line(b), line(a)])),
      );
      expect(both.map((r) => r.status)).toEqual(Array(16).fill(201));
      for (const item of [a, b])
        expect(await stockValue(item)).toMatchObject({ quantity: '4', valueMinor: 400 });
      await noViolations();
    },
  );
});

// After an issue: no open layer is older than the newest layer it took from.
async function expectOldestTaken(moveId: string) {
  const rows = await t.database.transaction((db) =>
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from inventory_cost_layers open
            join inventory_cost_layers taken on taken.company_id = open.company_id and taken.variant_id = open.variant_id
            join inventory_layer_consumptions c on c.company_id = taken.company_id and c.layer_id = taken.id
           where c.move_id = ${moveId} and c.settled_by_move_id is null and open.quantity_remaining > 0
             and (open.posted_at, open.id) < (taken.posted_at, taken.id)`,
    ),
  );
  expect(rows[0]!.n).toBe(0);
}

// Σ open layers − Σ open shortfalls = stock value = Σ entries, and the valued quantity is on hand.
async function expectConsistent(variantId: string) {
  const { layers, shortfalls } = await book(variantId);
  const report = await stockValue(variantId);
  const history = await entries(variantId);
  const total = (rows: { valueMinor: number }[]) => rows.reduce((a, r) => a + r.valueMinor, 0);
  expect(total(history)).toBe(report.valueMinor);
  if (history[0]?.method === 'fifo') {
    const open = layers.reduce(
      (a: number, l: { valueRemainingMinor: number }) => a + l.valueRemainingMinor,
      0,
    );
    const owed = shortfalls.reduce((a: number, s: { valueOpenMinor: number }) => a + s.valueOpenMinor, 0);
    expect(open - owed).toBe(report.valueMinor);
  }
  const stock = (await call('GET', `/api/v1/inventory/stock?variantId=${variantId}`)).body.data;
  const onHand = stock.reduce((q: Decimal, s: { onHand: string }) => q.plus(s.onHand), new Decimal(0));
  expect(onHand.toFixed()).toBe(new Decimal(report.quantity).toFixed());
}
