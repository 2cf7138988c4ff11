import { describe, expect, it } from 'vitest';
import { createMember, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { useSmtpServer } from '../../../test/support/smtp.ts';
import { newId } from '../../platform/ids.ts';
import { readPdf } from '../accounting/documents/read-pdf.test-support.ts';

const inbox = useSmtpServer();
const t = useTestApp(() => ({ TANDEM_SMTP_URL: inbox.url }));

describe('quotation and order confirmation documents', () => {
  it('prints the quotation, mails it as a PDF through SMTP, then prints the confirmation', async () => {
    const member = await createMember(t.database);
    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const response = await t.app.inject({
        method,
        url: `/api/v1${url}`,
        payload: payload as object,
        headers: member.auth,
      });
      return { status: response.statusCode, response };
    };
    const json = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      (await call(method, url, payload)).response.json();
    await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' });
    const warehouse = await json('POST', '/inventory/warehouses', { code: 'QD1', name: 'Quotes' });
    const email = `buyer-${Date.now()}@example.test`;
    const customer = await json('POST', '/crm/parties', {
      kind: 'organisation',
      name: 'Quote Buyer GmbH',
      isCustomer: true,
      email,
      paymentTermDays: 14,
    });
    const product = await json('POST', '/catalog/products', {
      name: 'Standing desk',
      kind: 'service',
      currencyCode: 'EUR',
      salePrice: '499.00',
      variants: [{ sku: `SD-${newId().slice(-5)}` }],
    });
    const lines = [{ variantId: product.variants[0].id, quantity: '2', discountPercent: '10' }];
    const order = await json('POST', '/sales/orders', {
      customerId: customer.id,
      warehouseId: warehouse.id,
      validUntil: '2027-01-31',
      customerReference: 'PO-4711',
      lines,
    });

    const printed = await call('GET', `/sales/orders/${order.id}/pdf`);
    expect(printed.status).toBe(200);
    expect(printed.response.headers['content-type']).toBe('application/pdf');
    const quotation = await readPdf(printed.response.rawPayload);
    expect(quotation.all).toContain(`Quotation No. ${order.number}`);
    expect(quotation.all).toContain('Discount 10 %');
    expect(quotation.all).toContain('Quote Buyer GmbH');
    expect(quotation.all).toContain('Valid until');
    expect(quotation.all).toContain('PO-4711');
    expect(quotation.all).toContain('Payment terms: 14 days net');
    // 2 × 499.00 less 10 % = 898.20 net, 20 % VAT 179.64, 1,077.84 in all: the order's own totals.
    expect(order).toMatchObject({ net: '898.20', tax: '179.64', total: '1077.84' });
    expect(quotation.all).toContain('898.20');
    expect(quotation.all).toContain('1,077.84');

    const sent = await call('POST', `/sales/orders/${order.id}/send`, {});
    expect(sent.status).toBe(202);
    expect(sent.response.json()).toMatchObject({ to: email, subject: `Quotation ${order.number}` });
    const mail = await inbox.waitFor(email);
    expect(mail.subject).toBe(`Quotation ${order.number}`);
    expect(mail.text).toContain('Quote Buyer GmbH');
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment!.contentType).toBe('application/pdf');
    expect(attachment!.filename).toBe(`Quotation ${order.number.replace(/\//g, '-')}.pdf`);
    expect((await readPdf(attachment!.content)).all).toContain(`Quotation No. ${order.number}`);

    await call('POST', `/sales/orders/${order.id}/confirm`);
    const confirmation = await readPdf(
      (await call('GET', `/sales/orders/${order.id}/pdf`)).response.rawPayload,
    );
    expect(confirmation.all).toContain(`Order confirmation No. ${order.number}`);
    expect(confirmation.all).not.toContain('Valid until');
  });

  it('refuses to send to a customer without an email, writing nothing', async () => {
    const member = await createMember(t.database);
    const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({ method, url: `/api/v1${url}`, payload: payload as object, headers: member.auth });
    await inject('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' });
    const warehouse = (await inject('POST', '/inventory/warehouses', { code: 'QD2', name: 'Quotes' })).json();
    const customer = (
      await inject('POST', '/crm/parties', { kind: 'organisation', name: 'No Mail Ltd', isCustomer: true })
    ).json();
    const product = (
      await inject('POST', '/catalog/products', {
        name: 'Advice',
        kind: 'service',
        currencyCode: 'EUR',
        salePrice: '90.00',
        variants: [{ sku: `AD-${newId().slice(-5)}` }],
      })
    ).json();
    const order = (
      await inject('POST', '/sales/orders', {
        customerId: customer.id,
        warehouseId: warehouse.id,
        lines: [{ variantId: product.variants[0].id, quantity: '1' }],
      })
    ).json();
    const before = await databaseFingerprint(t.database);
    const refused = await inject('POST', `/sales/orders/${order.id}/send`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('sales.recipient_missing');
    const badAddress = await inject('POST', `/sales/orders/${order.id}/send`, { to: 'not an address' });
    expect(badAddress.statusCode).toBe(400);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
