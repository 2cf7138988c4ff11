import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { newId } from '../../platform/ids.ts';

const t = useTestApp();
let admin: Member;
let warehouse: { id: string; stockLocationId: string };
let customer: string;
let desk: string;
let installation: string;

async function call(method: 'GET' | 'POST', url: string, payload?: unknown, member = admin) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: member.auth,
  });
  return { status: response.statusCode, body: response.json() };
}
const quote = (lines: object[], extra: object = {}) =>
  call('POST', '/sales/orders', { customerId: customer, warehouseId: warehouse.id, lines, ...extra });

beforeAll(async () => {
  admin = await createMember(t.database);
  await call('POST', '/accounting/setup', {
    template: 'generic',
    fiscalYearStart: `${new Date().getUTCFullYear()}-01-01`,
  });
  warehouse = (await call('POST', '/inventory/warehouses', { code: 'SO1', name: 'Orders' })).body;
  customer = (
    await call('POST', '/crm/parties', { kind: 'organisation', name: 'Order Customer', isCustomer: true })
  ).body.id;
  const product = async (name: string, kind: string, price: string) =>
    (
      await call('POST', '/catalog/products', {
        name,
        kind,
        currencyCode: 'EUR',
        salePrice: price,
        variants: [{ sku: `${name}-${newId().slice(-5)}` }],
      })
    ).body.variants[0].id;
  desk = await product('Desk', 'stockable', '250.00');
  installation = await product('Installation', 'service', '80.00');
  const supplier = (await call('GET', '/inventory/locations')).body.data.find(
    (l: { kind: string }) => l.kind === 'supplier',
  ).id;
  await call('POST', '/inventory/moves', {
    moves: [
      {
        variantId: desk,
        fromLocationId: supplier,
        toLocationId: warehouse.stockLocationId,
        quantity: '4',
        unitCost: '150',
        reason: 'receipt',
      },
    ],
  });
});

describe('sales orders', () => {
  it('invoices per order before delivery, then delivers goods and services', async () => {
    const order = await quote(
      [
        { variantId: desk, quantity: '2' },
        { variantId: installation, quantity: '1' },
      ],
      { invoicePolicy: 'order' },
    );
    await call('POST', `/sales/orders/${order.body.id}/confirm`);
    const invoiced = await call('POST', `/sales/orders/${order.body.id}/invoices`);
    expect(invoiced.status).toBe(200);
    const invoice = (await call('GET', `/accounting/invoices/${invoiced.body.invoiceIds[0]}`)).body;
    expect(invoice).toMatchObject({ net: '580.00', total: '696.00', state: 'posted' });
    const twice = await call('POST', `/sales/orders/${order.body.id}/invoices`);
    expect(twice.body.code).toBe('sales.nothing_to_invoice');
    const delivered = await call('POST', `/sales/orders/${order.body.id}/deliveries`, {});
    expect(delivered.body).toMatchObject({ state: 'done', invoiceIds: [invoice.id] });
  });

  it('refuses to deliver more than is left, or to a quotation, writing nothing', async () => {
    const order = await quote([{ variantId: desk, quantity: '1' }]);
    const before = await databaseFingerprint(t.database);
    const early = await call('POST', `/sales/orders/${order.body.id}/deliveries`, {});
    expect(early.body.code).toBe('sales.not_confirmed');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    await call('POST', `/sales/orders/${order.body.id}/confirm`);
    const after = await databaseFingerprint(t.database);
    const tooMuch = await call('POST', `/sales/orders/${order.body.id}/deliveries`, {
      lines: [{ lineNo: 1, quantity: '2' }],
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('sales.delivery_invalid');
    expect(await databaseFingerprint(t.database)).toEqual(after);
  });

  it('refuses a supplier as customer and an unknown item', async () => {
    const supplier = (
      await call('POST', '/crm/parties', { kind: 'organisation', name: 'Only Supplier', isSupplier: true })
    ).body.id;
    expect(
      (
        await call('POST', '/sales/orders', {
          customerId: supplier,
          warehouseId: warehouse.id,
          lines: [{ variantId: desk, quantity: '1' }],
        })
      ).body.code,
    ).toBe('sales.customer_invalid');
    expect((await quote([{ variantId: newId(), quantity: '1' }])).body.code).toBe('sales.item_not_for_sale');
  });

  it('lets a sales rep quote and confirm but not deliver', async () => {
    const rep = await joinCompany(t.database, admin.companyId, 'sales_rep');
    const order = await call(
      'POST',
      '/sales/orders',
      {
        customerId: customer,
        warehouseId: warehouse.id,
        lines: [{ variantId: installation, quantity: '1' }],
      },
      rep,
    );
    expect(order.status).toBe(201);
    expect((await call('POST', `/sales/orders/${order.body.id}/confirm`, undefined, rep)).status).toBe(200);
    expect((await call('POST', `/sales/orders/${order.body.id}/deliveries`, {}, rep)).status).toBe(403);
  });

  it.skipIf(!onPostgres)(
    'confirms orders holding the same products in opposite line order at the same time, without deadlock',
    async () => {
      const supplier = (await call('GET', '/inventory/locations')).body.data.find(
        (l: { kind: string }) => l.kind === 'supplier',
      ).id;
      const variants: string[] = [];
      for (const name of ['Lamp', 'Chair', 'Shelf']) {
        const created = await call('POST', '/catalog/products', {
          name,
          kind: 'stockable',
          currencyCode: 'EUR',
          salePrice: '10.00',
          variants: [{ sku: `${name}-${newId().slice(-5)}` }],
        });
        variants.push(created.body.variants[0].id);
      }
      await call('POST', '/inventory/moves', {
        moves: variants.map((variantId) => ({
          variantId,
          fromLocationId: supplier,
          toLocationId: warehouse.stockLocationId,
          quantity: '100',
          unitCost: '5',
          reason: 'receipt',
        })),
      });
      const lines = (order: string[]) => order.map((variantId) => ({ variantId, quantity: '1' }));
      for (let round = 0; round < 8; round++) {
        const a = await quote(lines(variants));
        const b = await quote(lines([...variants].reverse()));
        const confirmed = await Promise.all([
          call('POST', `/sales/orders/${a.body.id}/confirm`),
          call('POST', `/sales/orders/${b.body.id}/confirm`),
        ]);
        expect(confirmed.map((r) => r.status)).toEqual([200, 200]);
      }
    },
  );
});
