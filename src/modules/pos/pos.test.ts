import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { runChecks } from '../../platform/checks.ts';
import { newId } from '../../platform/ids.ts';
import { gs1CheckDigit } from '../../shared/gs1.ts';
import { saleTotals } from '../../shared/pos/sale-totals.ts';
import { modules } from '../registry.ts';

const t = useTestApp();
let admin: Member;
let register: { id: string; stockLocationId: string };
let shiftId: string;
let items: Record<'coffee' | 'book' | 'repair' | 'mug', string>;

type Method = 'GET' | 'POST' | 'PUT';
async function call(method: Method, url: string, payload?: unknown, member = admin) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: member.auth,
  });
  const json = response.headers['content-type']?.toString().includes('json');
  return { status: response.statusCode, body: json ? response.json() : response.body };
}

const ean = (seed: number) => {
  const body = `400${String(seed).padStart(9, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
};

async function product(
  name: string,
  price: string,
  taxCategory: string,
  kind = 'stockable',
  barcode?: string,
) {
  const created = await call('POST', '/catalog/products', {
    name,
    kind,
    currencyCode: 'EUR',
    salePrice: price,
    taxCategory,
    variants: [
      { sku: `${name.slice(0, 3).toUpperCase()}-${newId().slice(-6)}`, ...(barcode ? { barcode } : {}) },
    ],
  });
  expect(created.status).toBe(201);
  return created.body.variants[0].id as string;
}

async function stock(variantId: string, quantity: string) {
  const locations = (await call('GET', '/inventory/locations')).body.data;
  const supplier = locations.find((l: { kind: string }) => l.kind === 'supplier').id;
  expect(
    (
      await call('POST', '/inventory/moves', {
        moves: [
          {
            variantId,
            fromLocationId: supplier,
            toLocationId: register.stockLocationId,
            quantity,
            reason: 'receipt',
          },
        ],
      })
    ).status,
  ).toBe(201);
}

async function onHand(variantId: string) {
  const { body } = await call(
    'GET',
    `/inventory/stock?variantId=${variantId}&locationId=${register.stockLocationId}`,
  );
  return body.data[0]?.onHand ?? '0';
}

const sell = (lines: object[], payments: object[], extra: object = {}) =>
  call('POST', '/pos/sales', {
    registerId: register.id,
    shiftId,
    clientSaleId: `sale-${newId()}`,
    lines,
    payments,
    ...extra,
  });

async function entryOf(saleId: string) {
  const { body } = await call('GET', `/accounting/entries?sourceType=pos.sale&sourceId=${saleId}`);
  return body.data[0];
}
const shape = (entry: { lines: { accountCode: string; debit: string; credit: string }[] }) =>
  entry.lines.map((l) => `${l.accountCode} ${l.debit === '0.00' ? `-${l.credit}` : l.debit}`);

beforeAll(async () => {
  admin = await createMember(t.database);
  expect(
    (
      await call('POST', '/accounting/setup', {
        template: 'generic',
        fiscalYearStart: `${new Date().getUTCFullYear()}-01-01`,
      })
    ).status,
  ).toBe(201);
  const warehouse = (await call('POST', '/inventory/warehouses', { code: 'SHOP1', name: 'High Street shop' }))
    .body;
  register = (await call('POST', '/pos/registers', { code: 'S1', name: 'Till 1', warehouseId: warehouse.id }))
    .body;
  items = {
    coffee: await product('Coffee beans', '12.90', 'standard', 'stockable', ean(1)),
    book: await product('Cookbook', '24.00', 'reduced'),
    repair: await product('Grinder repair', '30.00', 'standard', 'service'),
    mug: await product('Mug', '8.00', 'standard'),
  };
  await stock(items.coffee, '20');
  await stock(items.book, '5');
  await stock(items.mug, '2');
  const opened = await call('POST', '/pos/shifts', { registerId: register.id, openingFloat: '150.00' });
  expect(opened.status).toBe(201);
  shiftId = opened.body.id;
});

describe('the till', () => {
  it('opens one shift per register at a time', async () => {
    const again = await call('POST', '/pos/shifts', { registerId: register.id, openingFloat: '10.00' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('pos.shift_open_already');
  });

  it('sells scanned items paid cash plus card: stock drops, the entry posts, in one go', async () => {
    const scanned = (await call('GET', `/catalog/barcodes/${ean(1)}`)).body;
    expect(scanned.variantId).toBe(items.coffee);
    const sale = await sell(
      [
        { variantId: items.coffee, quantity: '2', unitPrice: '12.90' },
        { variantId: items.book, quantity: '1' },
        { variantId: items.repair, quantity: '1' },
      ],
      [
        { method: 'card', amount: '50.00', reference: 'AUTH-7781' },
        { method: 'cash', amount: '50.00' },
      ],
    );
    expect(sale.status).toBe(201);
    expect(sale.body).toMatchObject({
      total: '79.80',
      change: '20.20',
      replayed: false,
      stockFlagged: false,
    });
    expect(sale.body.receiptNumber).toMatch(/^S1-\d{6}$/);
    expect(await onHand(items.coffee)).toBe('18');
    expect(await onHand(items.book)).toBe('4');
    const entry = await entryOf(sale.body.id);
    // Revenue by VAT rate (coffee and the repair at 20 %, the book at 5.5 %), VAT, cash net of change, card.
    expect(shape(entry).sort()).toEqual(
      ['1010 29.80', '1050 50.00', '2100 -1.25', '2100 -9.30', '4000 -22.75', '4000 -46.50'].sort(),
    );
  });

  it('records a sale synced twice once, and keeps an offline sale’s price', async () => {
    const clientSaleId = `offline-${newId()}`;
    const body = {
      lines: [{ variantId: items.coffee, quantity: '1', unitPrice: '11.90' }],
      payments: [{ method: 'cash', amount: '11.90' }],
      offline: true,
      clientSaleId,
    };
    const first = await sell(body.lines, body.payments, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ total: '11.90', offline: true });
    const stockAfter = await onHand(items.coffee);
    const before = await databaseFingerprint(t.database);
    const again = await sell(body.lines, body.payments, body);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    expect(await databaseFingerprint(t.database)).toEqual(before);
    expect(await onHand(items.coffee)).toBe(stockAfter);
  });

  it('refuses online what changed since the scan or ran out; records offline what already happened', async () => {
    const before = await databaseFingerprint(t.database);
    const stale = await sell(
      [{ variantId: items.coffee, quantity: '1', unitPrice: '11.90' }],
      [{ method: 'cash', amount: '20.00' }],
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('pos.price_changed');
    const short = await sell(
      [{ variantId: items.mug, quantity: '3' }],
      [{ method: 'cash', amount: '30.00' }],
    );
    expect(short.status).toBe(409);
    expect(short.body.code).toBe('inventory.insufficient_stock');
    const underpaid = await sell(
      [{ variantId: items.mug, quantity: '1' }],
      [{ method: 'cash', amount: '7.99' }],
    );
    expect(underpaid.body.code).toBe('pos.payment_invalid');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const offline = await sell(
      [{ variantId: items.mug, quantity: '3' }],
      [{ method: 'cash', amount: '24.00' }],
      { offline: true },
    );
    expect(offline.status).toBe(201);
    expect(offline.body.stockFlagged).toBe(true);
    expect(await onHand(items.mug)).toBe('-1');
    const flagged = (await call('GET', '/pos/sales?flagged=true')).body.data;
    expect(flagged.map((s: { id: string }) => s.id)).toContain(offline.body.id);
  });

  it('takes returns against the receipt: stock back, refund posted, never more than was sold', async () => {
    const sale = await sell(
      [{ variantId: items.book, quantity: '2' }],
      [{ method: 'card', amount: '48.00' }],
    );
    const stockBefore = await onHand(items.book);
    const returned = await call('POST', `/pos/sales/${sale.body.id}/returns`, {
      shiftId,
      clientReturnId: `ret-${newId()}`,
      lines: [{ lineNo: 1, quantity: '1' }],
      refundMethod: 'cash',
    });
    expect(returned.status).toBe(201);
    expect(returned.body).toMatchObject({ kind: 'return', total: '24.00', returnsSaleId: sale.body.id });
    expect(Number(await onHand(items.book))).toBe(Number(stockBefore) + 1);
    const entry = await entryOf(returned.body.id);
    expect(shape(entry).sort()).toEqual(['1010 -24.00', '2100 1.25', '4000 22.75'].sort());
    const tooMany = await call('POST', `/pos/sales/${sale.body.id}/returns`, {
      shiftId,
      clientReturnId: `ret-${newId()}`,
      lines: [{ lineNo: 1, quantity: '2' }],
      refundMethod: 'cash',
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('pos.return_invalid');
  });

  it('gives the till its catalogue, whose prices and taxes total a sale as the server does', async () => {
    const { status, body } = await call('GET', `/pos/registers/${register.id}/catalogue`);
    expect(status).toBe(200);
    expect(body.register.id).toBe(register.id);
    expect(body.truncated).toBe(false);
    const coffee = body.items.find((i: { barcode: string | null }) => i.barcode === ean(1));
    const book = body.items.find((i: { variantId: string }) => i.variantId === items.book);
    expect(coffee).toMatchObject({ variantId: items.coffee, unitPrice: '12.9' });
    expect(coffee.taxes[0]).toMatchObject({ kind: 'percent', priceIncluded: true });
    // What the browser reckons from the catalogue alone, before it sends the sale.
    const lines = [
      { unitPrice: coffee.unitPrice, quantity: '3', discountPercent: '10', taxes: coffee.taxes },
      { unitPrice: book.unitPrice, quantity: '1', taxes: book.taxes },
    ];
    const reckoned = saleTotals(lines, [{ method: 'cash', amountMinor: 6000 }], {
      currency: body.register.currencyCode,
      orderDiscountPercent: '5',
      rounding: body.taxRounding,
      cashIncrementMinor: body.register.cashIncrementMinor,
    });
    const sale = await sell(
      [
        { variantId: coffee.variantId, quantity: '3', unitPrice: coffee.unitPrice, discountPercent: '10' },
        { variantId: book.variantId, quantity: '1', unitPrice: book.unitPrice },
      ],
      [{ method: 'cash', amount: '60.00' }],
      { orderDiscountPercent: '5' },
    );
    expect(sale.status).toBe(201);
    expect(sale.body.totalMinor).toBe(reckoned.totalMinor);
    expect(Math.round(Number(sale.body.change) * 100)).toBe(reckoned.changeMinor);
  });

  it('prints an 80 mm receipt', async () => {
    const sale = await sell(
      [{ variantId: items.coffee, quantity: '1' }],
      [{ method: 'cash', amount: '20.00' }],
    );
    const receipt = await call('GET', `/pos/sales/${sale.body.id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toContain('size:80mm');
    expect(receipt.body).toContain(sale.body.receiptNumber);
    expect(receipt.body).toContain('Coffee beans');
    expect(receipt.body).toContain('1 × 12.90');
    expect(receipt.body).toContain('7.10');
  });

  it('sums the day’s takings per register for the home screen', async () => {
    const { data } = (await call('GET', `/pos/sales?registerId=${register.id}&limit=200`)).body;
    const today = new Date().toISOString().slice(0, 10);
    const mine = data.filter((s: { soldAt: string }) => s.soldAt.startsWith(today));
    const net = mine.reduce(
      (sum: number, s: { kind: string; totalMinor: number; rounding: string }) =>
        sum + (s.kind === 'return' ? -1 : 1) * (s.totalMinor + Math.round(Number(s.rounding) * 100)),
      0,
    );
    const summary = (await call('GET', '/pos/summary')).body;
    expect(summary).toMatchObject({ date: today, currencyCode: 'EUR', totalMinor: net });
    expect(summary.sales).toBe(mine.filter((s: { kind: string }) => s.kind === 'sale').length);
    expect(summary.registers).toEqual([expect.objectContaining({ code: 'S1', sales: summary.sales })]);
    expect((await call('GET', '/pos/summary?date=2001-01-01')).body).toMatchObject({
      sales: 0,
      total: '0.00',
    });
  });

  it('is refused to a warehouse clerk', async () => {
    const clerk = await joinCompany(t.database, admin.companyId, 'warehouse_clerk');
    const refused = await call(
      'POST',
      '/pos/sales',
      {
        registerId: register.id,
        shiftId,
        clientSaleId: `x-${newId()}`,
        lines: [{ variantId: items.coffee, quantity: '1' }],
        payments: [{ method: 'cash', amount: '20.00' }],
      },
      clerk,
    );
    expect(refused.status).toBe(403);
  });

  it('closes the shift with the counted cash: the variance is posted, the Z report frozen', async () => {
    expect(
      (
        await call('POST', `/pos/shifts/${shiftId}/cash-moves`, {
          direction: 'out',
          amount: '50.00',
          reason: 'to the bank',
        })
      ).status,
    ).toBe(201);
    const x = (await call('GET', `/pos/shifts/${shiftId}/report`)).body;
    expect(x.state).toBe('open');
    const expected = Number(x.expectedCash);
    const closed = await call('POST', `/pos/shifts/${shiftId}/close`, {
      countedCash: (expected - 0.5).toFixed(2),
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', variance: '-0.50', cashOut: '50.00' });
    const variance = (
      await call('GET', `/accounting/entries?sourceType=pos.shift_variance&sourceId=${shiftId}`)
    ).body.data[0];
    expect(shape(variance).sort()).toEqual(['1010 -0.50', '6910 0.50'].sort());
    const late = await sell(
      [{ variantId: items.coffee, quantity: '1' }],
      [{ method: 'cash', amount: '20.00' }],
    );
    expect(late.body.code).toBe('pos.shift_closed');
    const trial = (await call('GET', `/accounting/reports/trial-balance?from=2000-01-01&to=2100-12-31`)).body;
    expect(trial.totals.closingMinor).toBe(0);
    const results = await runChecks(t.database, modules);
    expect(
      results.filter((r) => !r.name.startsWith('no stock below zero')).flatMap((r) => r.violations),
    ).toEqual([]);
  });
});

describe('at the till, concurrently', () => {
  it.skipIf(!onPostgres)(
    'sells the last units once to cashiers racing for them, numbers receipts without gaps',
    async () => {
      const warehouse = (await call('POST', '/inventory/warehouses', { code: 'SHOP2', name: 'Kiosk' })).body;
      const kiosk = (
        await call('POST', '/pos/registers', { code: 'K1', name: 'Kiosk', warehouseId: warehouse.id })
      ).body;
      const shift = (await call('POST', '/pos/shifts', { registerId: kiosk.id, openingFloat: '0' })).body;
      const gum = await product('Gum', '1.50', 'standard');
      const locations = (await call('GET', '/inventory/locations')).body.data;
      const supplier = locations.find((l: { kind: string }) => l.kind === 'supplier').id;
      await call('POST', '/inventory/moves', {
        moves: [
          {
            variantId: gum,
            fromLocationId: supplier,
            toLocationId: kiosk.stockLocationId,
            quantity: '5',
            reason: 'receipt',
          },
        ],
      });
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          call('POST', '/pos/sales', {
            registerId: kiosk.id,
            shiftId: shift.id,
            clientSaleId: `race-${newId()}`,
            lines: [{ variantId: gum, quantity: '1' }],
            payments: [{ method: 'cash', amount: '2.00' }],
          }),
        ),
      );
      const sold = results.filter((r) => r.status === 201);
      expect(sold).toHaveLength(5);
      expect(
        results.filter((r) => r.status === 409).every((r) => r.body.code === 'inventory.insufficient_stock'),
      ).toBe(true);
      expect(sold.map((r) => Number(r.body.receiptNumber.slice(-6))).sort((a, b) => a - b)).toEqual([
        1, 2, 3, 4, 5,
      ]);
    },
  );
});
