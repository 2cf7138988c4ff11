// Flow 3 of PRODUCT.md from the quotation on: quote → order → partial deliveries → invoices →
// payment found in an imported camt.053 statement and reconciled automatically by the invoices'
// RF references; stock, every journal line, the trial balance and the events checked.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../src/modules/registry.ts';
import { runChecks } from '../../src/platform/checks.ts';
import { queryRows } from '../../src/platform/db/database.ts';
import { withSystemTx } from '../../src/platform/db/tx.ts';
import { newId } from '../../src/platform/ids.ts';
import { createMember, type Member, useTestApp } from '../support/app.ts';
import { camt053 } from '../support/camt.ts';
import { databaseFingerprint } from '../support/counts.ts';

const t = useTestApp();
let admin: Member;
const year = new Date().getUTCFullYear();
const OUR_IBAN = 'DE89370400440532013000';

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: admin.auth,
  });
  return { status: response.statusCode, body: response.json() };
}

let warehouse: { id: string; stockLocationId: string };
let customer: string;
let bankJournal: string;
let supplier: string;
const goods: Record<'chair' | 'lamp', string> = { chair: '', lamp: '' };

async function receive(variantId: string, quantity: string, unitCost: string) {
  const posted = await call('POST', '/inventory/moves', {
    moves: [
      {
        variantId,
        fromLocationId: supplier,
        toLocationId: warehouse.stockLocationId,
        quantity,
        unitCost,
        reason: 'receipt',
      },
    ],
  });
  expect(posted.status).toBe(201);
}
async function stock(variantId: string) {
  const level = (
    await call('GET', `/inventory/stock?variantId=${variantId}&locationId=${warehouse.stockLocationId}`)
  ).body.data[0];
  return { onHand: level?.onHand ?? '0', reserved: level?.reserved ?? '0' };
}
const shape = (entry: { lines: { accountCode: string; debit: string; credit: string }[] }) =>
  entry.lines.map((l) => `${l.accountCode} ${l.debit !== '0.00' ? l.debit : `-${l.credit}`}`).sort();

beforeAll(async () => {
  admin = await createMember(t.database);
  expect(
    (await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: `${year}-01-01` }))
      .status,
  ).toBe(201);
  await call('PATCH', '/accounting/settings', {
    version: 1,
    legalName: 'Tandem Furniture GmbH',
    iban: OUR_IBAN,
  });
  const accounts = (await call('GET', '/accounting/accounts?q=1000')).body.data;
  bankJournal = (
    await call('POST', '/accounting/journals', {
      code: 'DB',
      name: 'Deutsche Bank',
      type: 'bank',
      defaultAccountId: accounts[0].id,
      bankIban: OUR_IBAN,
    })
  ).body.id;
  warehouse = (await call('POST', '/inventory/warehouses', { code: 'MAIN', name: 'Main warehouse' })).body;
  supplier = (await call('GET', '/inventory/locations')).body.data.find(
    (l: { kind: string }) => l.kind === 'supplier',
  ).id;
  for (const [key, price] of [
    ['chair', '100.00'],
    ['lamp', '40.00'],
  ] as const) {
    const product = await call('POST', '/catalog/products', {
      name: key === 'chair' ? 'Oak chair' : 'Desk lamp',
      kind: 'stockable',
      currencyCode: 'EUR',
      salePrice: price,
      variants: [{ sku: `${key}-${newId().slice(-5)}` }],
    });
    goods[key] = product.body.variants[0].id;
  }
  await receive(goods.chair, '10', '60.00');
  await receive(goods.lamp, '3', '20.00');
  customer = (
    await call('POST', '/crm/parties', {
      kind: 'organisation',
      name: 'Büro Schmidt KG',
      isCustomer: true,
      paymentTermDays: 14,
      creditLimit: '2000',
    })
  ).body.id;
});

describe('lead to cash, from the quotation on', () => {
  it('quotes, confirms, delivers in two parts, invoices each, and a camt.053 payment settles both', async () => {
    const quotation = await call('POST', '/sales/orders', {
      customerId: customer,
      warehouseId: warehouse.id,
      customerReference: 'PO-4711',
      lines: [
        { variantId: goods.chair, quantity: '5' },
        { variantId: goods.lamp, quantity: '5', discountPercent: '10' },
      ],
    });
    expect(quotation.body).toMatchObject({ state: 'quotation' });
    expect(quotation.status).toBe(201);
    expect(quotation.body).toMatchObject({
      state: 'quotation',
      net: '680.00',
      tax: '136.00',
      total: '816.00',
    });
    const confirmed = await call('POST', `/sales/orders/${quotation.body.id}/confirm`);
    expect(confirmed.body.state).toBe('confirmed');
    expect(confirmed.body.lines.map((l: { quantityReserved: string }) => l.quantityReserved)).toEqual([
      '5',
      '3',
    ]);
    expect(await stock(goods.lamp)).toEqual({ onHand: '3', reserved: '3' });

    const first = await call('POST', `/sales/orders/${quotation.body.id}/deliveries`, {});
    expect(first.status).toBe(200);
    expect(first.body.lines.map((l: { quantityDelivered: string }) => l.quantityDelivered)).toEqual([
      '5',
      '3',
    ]);
    expect(first.body.state).toBe('confirmed');
    expect(await stock(goods.chair)).toEqual({ onHand: '5', reserved: '0' });
    expect(await stock(goods.lamp)).toEqual({ onHand: '0', reserved: '0' });
    const [invoice1] = first.body.invoiceIds;
    const bill1 = (await call('GET', `/accounting/invoices/${invoice1}`)).body;
    expect(bill1).toMatchObject({ total: '729.60', paymentState: 'unpaid', reference: 'PO-4711' });
    expect(shape((await call('GET', `/accounting/entries/${bill1.entryId}`)).body)).toEqual(
      ['1100 729.60', '2100 -121.60', '4000 -108.00', '4000 -500.00'].sort(),
    );

    await receive(goods.lamp, '4', '22.00');
    const second = await call('POST', `/sales/orders/${quotation.body.id}/deliveries`, {
      lines: [{ lineNo: 2, quantity: '2' }],
    });
    expect(second.body.state).toBe('done');
    const invoice2 = second.body.invoiceIds[1];
    const bill2 = (await call('GET', `/accounting/invoices/${invoice2}`)).body;
    expect(bill2.total).toBe('86.40');

    const statement = camt053({
      iban: OUR_IBAN,
      currency: 'EUR',
      id: `STMT-${newId().slice(-8)}`,
      from: `${year}-01-01`,
      to: new Date().toISOString().slice(0, 10),
      entries: [
        {
          amount: '729.60',
          direction: 'in',
          date: new Date().toISOString().slice(0, 10),
          reference: `AR-${newId().slice(-10)}`,
          creditorReference: bill1.creditorReference,
          counterparty: { name: 'Buero Schmidt KG' },
        },
        {
          amount: '86.40',
          direction: 'in',
          date: new Date().toISOString().slice(0, 10),
          reference: `AR-${newId().slice(-10)}`,
          text: `Rechnung ${bill2.number} ${bill2.creditorReference}`,
          counterparty: { name: 'Buero Schmidt KG' },
        },
      ],
    });
    const imported = await call('POST', '/accounting/bank-statements/import', {
      journalId: bankJournal,
      content: Buffer.from(statement).toString('base64'),
    });
    expect(imported.body.statements[0]).toMatchObject({ newLineCount: 2, reconciledCount: 2 });
    for (const id of [invoice1, invoice2])
      expect((await call('GET', `/accounting/invoices/${id}`)).body.paymentState).toBe('paid');

    // Cost of goods sold from the valuation: 5 chairs at 60.00, 3 lamps at 20.00, then 2 at the new average.
    const trial = (await call('GET', `/accounting/reports/trial-balance?from=${year}-01-01&to=${year}-12-31`))
      .body;
    const closing = (code: string) => trial.accounts.find((a: { code: string }) => a.code === code)?.closing;
    expect(trial.totals.closingMinor).toBe(0);
    expect(closing('1100')).toBe('0.00');
    expect(closing('1000')).toBe('816.00');
    expect(closing('4000')).toBe('-680.00');
    expect(closing('2100')).toBe('-136.00');
    const valuation = (await call('GET', '/inventory/valuation')).body;
    expect(closing('1200')).toBe(valuation.totals.value);

    const events = await withSystemTx(t.database, (db) =>
      queryRows<{ type: string }>(
        db,
        sql`select type from event_outbox where company_id = ${admin.companyId} order by txid, seq`,
      ),
    );
    const seen = events.map((e) => e.type);
    for (const type of [
      'sales.order.confirmed',
      'sales.order.delivered',
      'sales.order.invoiced',
      'accounting.invoice.posted',
      'accounting.payment.registered',
      'inventory.valuation.changed',
    ]) {
      expect(seen).toContain(type);
    }
    expect(seen.filter((type) => type === 'sales.order.invoiced')).toHaveLength(2);
    const checks = await runChecks(t.database, modules);
    expect(checks.flatMap((c) => c.violations)).toEqual([]);
  });

  it('refuses to confirm an order over the customer’s credit limit, writing nothing', async () => {
    const big = await call('POST', '/sales/orders', {
      customerId: customer,
      warehouseId: warehouse.id,
      lines: [{ variantId: goods.chair, quantity: '30' }],
    });
    const before = await databaseFingerprint(t.database);
    const refused = await call('POST', `/sales/orders/${big.body.id}/confirm`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('sales.credit_limit_exceeded');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('cancelling an order releases what it reserved', async () => {
    const order = await call('POST', '/sales/orders', {
      customerId: customer,
      warehouseId: warehouse.id,
      lines: [{ variantId: goods.chair, quantity: '2' }],
    });
    await call('POST', `/sales/orders/${order.body.id}/confirm`);
    expect((await stock(goods.chair)).reserved).toBe('2');
    const cancelled = await call('POST', `/sales/orders/${order.body.id}/cancel`);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await stock(goods.chair)).reserved).toBe('0');
    const again = await call('POST', `/sales/orders/${order.body.id}/deliveries`, {});
    expect(again.body.code).toBe('sales.not_confirmed');
  });
});
