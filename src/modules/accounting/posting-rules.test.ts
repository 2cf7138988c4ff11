import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { newId } from '../../platform/ids.ts';

const t = useTestApp();
let admin: Member;
let stockLocation: string;
let virtual: Record<string, string>;
let variantId: string;

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: admin.auth,
  });
  return { status: response.statusCode, body: response.json() };
}
const move = async (from: string, to: string, quantity: string, reason: string, unitCost?: string) => {
  const posted = await call('POST', '/inventory/moves', {
    moves: [
      {
        variantId,
        fromLocationId: from,
        toLocationId: to,
        quantity,
        reason,
        ...(unitCost ? { unitCost } : {}),
      },
    ],
  });
  expect(posted.status).toBe(201);
  return posted.body.data[0].id as string;
};
const entryLines = async (moveId: string) => {
  const [entry] = (await call('GET', `/accounting/entries?sourceType=inventory.valuation&sourceId=${moveId}`))
    .body.data;
  return entry.lines
    .map(
      (l: { accountCode: string; debit: string; credit: string }) =>
        `${l.accountCode} ${l.debit !== '0.00' ? l.debit : `-${l.credit}`}`,
    )
    .sort();
};

beforeAll(async () => {
  admin = await createMember(t.database);
  await call('POST', '/accounting/setup', {
    template: 'generic',
    fiscalYearStart: `${new Date().getUTCFullYear()}-01-01`,
  });
  stockLocation = (await call('POST', '/inventory/warehouses', { code: 'VAL', name: 'Valued' })).body
    .stockLocationId;
  virtual = Object.fromEntries(
    (await call('GET', '/inventory/locations')).body.data
      .filter((l: { warehouseId: string | null }) => !l.warehouseId)
      .map((l: { kind: string; id: string }) => [l.kind, l.id]),
  );
  const product = await call('POST', '/catalog/products', {
    name: 'Valued item',
    kind: 'stockable',
    currencyCode: 'EUR',
    salePrice: '10',
    variants: [{ sku: `VAL-${newId().slice(-6)}` }],
  });
  variantId = product.body.variants[0].id;
});

describe('stock value in the books', () => {
  it('opening stock against opening balances, receipts against goods received not invoiced', async () => {
    expect(await entryLines(await move(virtual.supplier!, stockLocation, '10', 'opening', '2.00'))).toEqual([
      '1200 20.00',
      '3900 -20.00',
    ]);
    expect(await entryLines(await move(virtual.supplier!, stockLocation, '10', 'receipt', '3.00'))).toEqual([
      '1200 30.00',
      '2150 -30.00',
    ]);
  });

  it('deliveries to cost of goods sold, scrap to inventory losses, returns to suppliers back to the interim account', async () => {
    expect(await entryLines(await move(stockLocation, virtual.customer!, '4', 'delivery'))).toEqual([
      '1200 -10.00',
      '5000 10.00',
    ]);
    expect(await entryLines(await move(stockLocation, virtual.loss!, '1', 'scrap'))).toEqual([
      '1200 -2.50',
      '5100 2.50',
    ]);
    expect(await entryLines(await move(stockLocation, virtual.supplier!, '1', 'return'))).toEqual([
      '1200 -2.50',
      '2150 2.50',
    ]);
  });

  it('keeps the inventory account equal to the stock value', async () => {
    const year = new Date().getUTCFullYear();
    const trial = (await call('GET', `/accounting/reports/trial-balance?from=${year}-01-01&to=${year}-12-31`))
      .body;
    const valuation = (await call('GET', '/inventory/valuation')).body;
    expect(trial.accounts.find((a: { code: string }) => a.code === '1200').closing).toBe(
      valuation.totals.value,
    );
    expect(valuation.totals.value).toBe('35.00');
  });
});
