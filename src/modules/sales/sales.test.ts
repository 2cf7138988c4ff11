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

  it('takes goods back: stock returns to the warehouse and a credit note settles the invoice', async () => {
    const onHand = async () =>
      (await call('GET', `/inventory/stock?variantId=${desk}&locationId=${warehouse.stockLocationId}`)).body
        .data[0]?.onHand;
    const order = await quote([{ variantId: desk, quantity: '1' }]);
    await call('POST', `/sales/orders/${order.body.id}/confirm`);
    const delivered = await call('POST', `/sales/orders/${order.body.id}/deliveries`, {});
    expect(delivered.body.state).toBe('done');
    const stockBefore = await onHand();
    const invoiceId = delivered.body.invoiceIds[0];
    const before = await databaseFingerprint(t.database);
    const tooMany = await call('POST', `/sales/orders/${order.body.id}/returns`, {
      lines: [{ lineNo: 1, quantity: '2' }],
      reason: 'Damaged',
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('sales.return_invalid');
    expect(await databaseFingerprint(t.database)).toEqual(before);

    const returned = await call('POST', `/sales/orders/${order.body.id}/returns`, {
      lines: [{ lineNo: 1, quantity: '1' }],
      reason: 'Damaged in transit',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.lines[0]).toMatchObject({ quantityReturned: '1', quantityCredited: '1' });
    const [back] = returned.body.returns;
    expect(back.number).toMatch(/^RT\/\d{4}\/\d{5}$/);
    expect(Number(await onHand())).toBe(Number(stockBefore) + 1);
    const credit = (await call('GET', `/accounting/invoices/${back.creditNoteId}`)).body;
    expect(credit).toMatchObject({
      kind: 'customer_credit_note',
      state: 'posted',
      correctsInvoiceId: invoiceId,
      net: '250.00',
      total: '300.00',
    });
    expect(credit.note).toContain('Damaged in transit');
    const invoice = (await call('GET', `/accounting/invoices/${invoiceId}`)).body;
    expect(invoice).toMatchObject({ amountDue: '0.00', paymentState: 'paid' });
    const again = await call('POST', `/sales/orders/${order.body.id}/returns`, {
      lines: [{ lineNo: 1, quantity: '1' }],
      reason: 'Again',
    });
    expect(again.body.code).toBe('sales.return_invalid');
    expect((await call('POST', `/sales/orders/${order.body.id}/invoices`)).body.code).toBe(
      'sales.nothing_to_invoice',
    );
  });

  it('credits nothing for what came back before it was invoiced, and never invoices it', async () => {
    const order = await quote([{ variantId: installation, quantity: '3' }], { invoicePolicy: 'order' });
    await call('POST', `/sales/orders/${order.body.id}/confirm`);
    await call('POST', `/sales/orders/${order.body.id}/deliveries`, {});
    const returned = await call('POST', `/sales/orders/${order.body.id}/returns`, {
      lines: [{ lineNo: 1, quantity: '1' }],
      reason: 'Not needed',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.returns[0].creditNoteId).toBeNull();
    const invoiced = await call('POST', `/sales/orders/${order.body.id}/invoices`);
    const invoice = (await call('GET', `/accounting/invoices/${invoiced.body.invoiceIds[0]}`)).body;
    expect(invoice).toMatchObject({ net: '160.00' });
    expect(invoice.lines[0].quantity).toBe('2');
  });

  it('prints a delivery slip with what is in the parcel and what is to follow', async () => {
    const order = await quote([{ variantId: desk, quantity: '2' }], { customerReference: 'PO <77>' });
    await call('POST', `/sales/orders/${order.body.id}/confirm`);
    const partial = await call('POST', `/sales/orders/${order.body.id}/deliveries`, {
      lines: [{ lineNo: 1, quantity: '1' }],
    });
    const [delivery] = partial.body.deliveries;
    const slip = await t.app.inject({
      method: 'GET',
      url: `/api/v1/sales/deliveries/${delivery.id}/slip`,
      headers: admin.auth,
    });
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toContain('text/html');
    expect(slip.body).toContain(`Delivery slip ${delivery.number}`);
    expect(slip.body).toContain('Order Customer');
    expect(slip.body).toContain('PO &lt;77&gt;');
    expect(slip.body).toMatch(
      /<td class="r">2<\/td><td class="r"><strong>1<\/strong><\/td><td class="r">1<\/td>/,
    );
    const missing = await call('GET', `/sales/deliveries/${newId()}/slip`);
    expect(missing.status).toBe(404);
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
