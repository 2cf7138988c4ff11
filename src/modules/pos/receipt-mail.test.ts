import { describe, expect, it } from 'vitest';
import { createMember, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { useSmtpServer } from '../../../test/support/smtp.ts';
import { newId } from '../../platform/ids.ts';

const inbox = useSmtpServer();
const t = useTestApp(() => ({ TANDEM_SMTP_URL: inbox.url }));

describe('receipts by email', () => {
  it('mails the receipt to the customer through SMTP, and asks for an address when there is none', async () => {
    const admin = await createMember(t.database);
    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const response = await t.app.inject({
        method,
        url: `/api/v1${url}`,
        payload: payload as object,
        headers: admin.auth,
      });
      return { status: response.statusCode, body: response.json() };
    };
    await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' });
    const warehouse = (await call('POST', '/inventory/warehouses', { code: 'RM', name: 'Mail shop' })).body;
    const register = (
      await call('POST', '/pos/registers', { code: 'M1', name: 'Mail till', warehouseId: warehouse.id })
    ).body;
    const shift = (await call('POST', '/pos/shifts', { registerId: register.id, openingFloat: '0.00' })).body;
    const variantId = (
      await call('POST', '/catalog/products', {
        name: 'Alteration',
        kind: 'service',
        currencyCode: 'EUR',
        salePrice: '15.00',
        variants: [{ sku: `ALT-${newId().slice(-6)}` }],
      })
    ).body.variants[0].id;
    const email = `shopper-${Date.now()}@example.test`;
    const customer = (
      await call('POST', '/crm/parties', { kind: 'person', name: 'Ada Shopper', isCustomer: true, email })
    ).body;
    const sell = (customerId?: string) =>
      call('POST', '/pos/sales', {
        registerId: register.id,
        shiftId: shift.id,
        clientSaleId: `mail-${newId()}`,
        customerId,
        lines: [{ variantId, quantity: '1' }],
        payments: [{ method: 'card', amount: '15.00', reference: 'A1' }],
      });
    const sale = (await sell(customer.id)).body;
    const sent = await call('POST', `/pos/sales/${sale.id}/receipt/mail`, {});
    expect(sent.status).toBe(202);
    expect(sent.body.to).toBe(email);
    const mail = await inbox.waitFor(email);
    expect(mail.subject).toContain(`Receipt ${sale.receiptNumber}`);
    expect(mail.html).toContain('size:80mm');
    expect(mail.html).toContain('Alteration');
    expect(mail.text).toContain('Total 15.00 EUR');

    const anonymous = (await sell()).body;
    const before = await databaseFingerprint(t.database);
    const refused = await call('POST', `/pos/sales/${anonymous.id}/receipt/mail`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('pos.recipient_missing');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const other = `walk-in-${Date.now()}@example.test`;
    expect((await call('POST', `/pos/sales/${anonymous.id}/receipt/mail`, { to: other })).status).toBe(202);
    expect((await inbox.waitFor(other)).subject).toContain(anonymous.receiptNumber);
  });
});
