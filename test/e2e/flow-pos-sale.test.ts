// Flow 1 of PRODUCT.md: a POS sale of three scanned items paid cash plus card. The stock drops at
// the store, the journal entries post (revenue, tax, cash, card clearing, cost of goods sold,
// inventory), an open screen hears of it at once; the same when the register was offline and syncs
// later.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../src/modules/registry.ts';
import { runChecks } from '../../src/platform/checks.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { newId } from '../../src/platform/ids.ts';
import { gs1CheckDigit } from '../../src/shared/gs1.ts';
import { createMember, type Member, testConfig, testFileStore } from '../support/app.ts';
import { useTestDatabase } from '../support/db.ts';
import { openEventStream } from '../support/sse.ts';

const t = useTestDatabase();
let app: FastifyInstance;
let base: string;
let admin: Member;

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: { ...admin.auth, ...(payload ? { 'content-type': 'application/json' } : {}) },
    body: payload ? JSON.stringify(payload) : undefined,
  });
  return { status: response.status, body: (await response.json()) as ReturnType<typeof JSON.parse> };
}

const ean = (n: number) =>
  `590${String(n).padStart(9, '0')}${gs1CheckDigit(`590${String(n).padStart(9, '0')}`)}`;
const year = new Date().getUTCFullYear();

let store: { stockLocationId: string };
let register: { id: string };
let shift: { id: string };
const items: { id: string; barcode: string; price: string; cost: string; tax: string }[] = [
  { id: '', barcode: ean(11), price: '12.00', cost: '5.00', tax: 'standard' },
  { id: '', barcode: ean(12), price: '21.10', cost: '9.40', tax: 'reduced' },
  { id: '', barcode: ean(13), price: '3.60', cost: '1.10', tax: 'standard' },
];

beforeAll(async () => {
  app = await buildApp({
    config: testConfig(),
    database: t.database,
    logger: pino({ level: 'silent' }),
    modules,
    files: testFileStore(),
    version: 'test',
    heartbeatMs: 200,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  admin = await createMember(t.database);
  expect(
    (await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: `${year}-01-01` }))
      .status,
  ).toBe(201);
  const warehouse = (await call('POST', '/inventory/warehouses', { code: 'CITY', name: 'City store' })).body;
  store = warehouse;
  const supplier = (await call('GET', '/inventory/locations')).body.data.find(
    (l: { kind: string }) => l.kind === 'supplier',
  ).id;
  for (const [i, item] of items.entries()) {
    const product = await call('POST', '/catalog/products', {
      name: `Flow item ${i + 1}`,
      kind: 'stockable',
      currencyCode: 'EUR',
      salePrice: item.price,
      taxCategory: item.tax,
      variants: [{ sku: `FLOW-${i}-${newId().slice(-4)}`, barcode: item.barcode }],
    });
    item.id = product.body.variants[0].id;
    const received = await call('POST', '/inventory/moves', {
      moves: [
        {
          variantId: item.id,
          fromLocationId: supplier,
          toLocationId: store.stockLocationId,
          quantity: '4',
          unitCost: item.cost,
          reason: 'receipt',
        },
      ],
    });
    expect(received.status).toBe(201);
  }
  register = (
    await call('POST', '/pos/registers', { code: 'C1', name: 'City till', warehouseId: warehouse.id })
  ).body;
  shift = (await call('POST', '/pos/shifts', { registerId: register.id, openingFloat: '100.00' })).body;
});
afterAll(async () => {
  await app.close();
});

async function onHand(variantId: string) {
  const { body } = await call(
    'GET',
    `/inventory/stock?variantId=${variantId}&locationId=${store.stockLocationId}`,
  );
  return body.data[0]?.onHand ?? '0';
}
async function entries(sourceType: string, sourceId: string) {
  return (await call('GET', `/accounting/entries?sourceType=${sourceType}&sourceId=${sourceId}`)).body.data;
}
const lines = (entry: { lines: { accountCode: string; debit: string; credit: string }[] }) =>
  entry.lines.map((l) => `${l.accountCode} ${l.debit !== '0.00' ? l.debit : `-${l.credit}`}`).sort();

async function booksAgreeWithStock() {
  const trial = (await call('GET', `/accounting/reports/trial-balance?from=${year}-01-01&to=${year}-12-31`))
    .body;
  expect(trial.totals.closingMinor).toBe(0);
  const inventory = trial.accounts.find((a: { code: string }) => a.code === '1200');
  const valuation = (await call('GET', '/inventory/valuation')).body;
  expect(inventory.closing).toBe(valuation.totals.value);
}

describe('a sale at the till is in the stock ledger and the books at once', () => {
  it('three scanned items, cash plus card', async () => {
    const stream = await openEventStream(`${base}/api/v1/stream`, admin.auth);
    try {
      const scanned = [];
      for (const item of items) scanned.push((await call('GET', `/catalog/barcodes/${item.barcode}`)).body);
      const sale = await call('POST', '/pos/sales', {
        registerId: register.id,
        shiftId: shift.id,
        clientSaleId: `flow1-${newId()}`,
        lines: scanned.map((hit) => ({
          variantId: hit.variantId,
          quantity: '1',
          unitPrice: hit.salePrice.replace(/0+$/, '').replace(/\.$/, ''),
        })),
        payments: [
          { method: 'card', amount: '20.00', reference: 'AUTH-1' },
          { method: 'cash', amount: '20.00' },
        ],
      });
      expect(sale.status).toBe(201);
      expect(sale.body).toMatchObject({ total: '36.70', change: '3.30' });
      for (const item of items) expect(await onHand(item.id)).toBe('3');
      const [entry] = await entries('pos.sale', sale.body.id);
      expect(lines(entry)).toEqual(
        ['1010 16.70', '1050 20.00', '2100 -1.10', '2100 -2.60', '4000 -13.00', '4000 -20.00'].sort(),
      );
      // Cost of goods sold from the valuation, one entry for the sale's moves.
      const [cogs] = (
        await call('GET', `/accounting/entries?sourceType=inventory.valuation&q=${sale.body.id}`)
      ).body.data;
      expect(lines(cogs)).toEqual(['1200 -15.50', '5000 15.50']);
      await stream.waitFor((events) =>
        events.some((e) => (e.data.aggregate as { id: string }).id === sale.body.id),
      );
      expect(stream.events.some((e) => e.event === 'accounting.entry.posted')).toBe(true);
      await booksAgreeWithStock();
    } finally {
      await stream.close();
    }
  });

  it('an offline till’s sale synced later, twice: recorded once, past zero stock, in the books', async () => {
    const body = {
      registerId: register.id,
      shiftId: shift.id,
      clientSaleId: `offline-${newId()}`,
      soldAt: new Date(Date.now() - 3_600_000).toISOString(),
      offline: true,
      lines: [{ variantId: items[2]!.id, quantity: '5', unitPrice: '3.50' }],
      payments: [{ method: 'cash', amount: '17.50' }],
    };
    const first = await call('POST', '/pos/sales', body);
    const again = await call('POST', '/pos/sales', body);
    expect(first.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    expect(first.body).toMatchObject({ total: '17.50', stockFlagged: true, offline: true });
    expect(await onHand(items[2]!.id)).toBe('-2');
    expect(await entries('pos.sale', first.body.id)).toHaveLength(1);
    await booksAgreeWithStock();
    const checks = await runChecks(t.database, modules);
    expect(
      checks.filter((c) => !c.name.startsWith('no stock below zero')).flatMap((c) => c.violations),
    ).toEqual([]);
  });
});
