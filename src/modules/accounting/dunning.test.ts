import { describe, expect, it } from 'vitest';
import { createMember, useTestApp } from '../../../test/support/app.ts';
import { useSmtpServer } from '../../../test/support/smtp.ts';
import { fillPlaceholders } from './dunning/run-dunning.ts';

const inbox = useSmtpServer();
const t = useTestApp(() => ({ TANDEM_SMTP_URL: inbox.url }));

describe('payment reminders', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(
      fillPlaceholders('Dear {customer}, {number} is {daysOverdue} days late {oops}', {
        customer: 'Ann',
        number: 'SAL/1',
        daysOverdue: '9',
      }),
    ).toBe('Dear Ann, SAL/1 is 9 days late {oops}');
  });

  it('mails each overdue invoice the level its days overdue reached, once per level, through SMTP', async () => {
    const member = await createMember(t.database);
    const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
      const response = await t.app.inject({
        method,
        url: `/api/v1${url}`,
        payload: payload as object,
        headers: member.auth,
      });
      return { status: response.statusCode, body: response.json() };
    };
    await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' });
    const settings = (await call('GET', '/accounting/settings')).body;
    const levels = [
      {
        afterDays: 7,
        subject: 'Reminder: {number}',
        text: 'Dear {customer},\n{number} of {amountDue} was due on {dueDate}. Please quote {reference}.\n{company}',
      },
      {
        afterDays: 30,
        subject: 'Second reminder: {number}',
        text: '{number} is {daysOverdue} days overdue.',
      },
    ];
    expect(
      (
        await call('PATCH', '/accounting/settings', {
          version: settings.version,
          legalName: 'Dunning Test SARL',
          dunningLevels: levels,
        })
      ).status,
    ).toBe(200);
    const email = `payer-${Date.now()}@example.test`;
    const customer = (
      await call('POST', '/crm/parties', {
        kind: 'organisation',
        name: 'Late Payer',
        isCustomer: true,
        email,
      })
    ).body.id;
    const silent = (
      await call('POST', '/crm/parties', { kind: 'organisation', name: 'No Mail Ltd', isCustomer: true })
    ).body.id;
    const tax = (await call('GET', '/accounting/taxes?scope=sale')).body.data.find(
      (x: { code: string }) => x.code === 'VAT20',
    ).id;
    const invoice = async (partnerId: string) => {
      const draft = await call('POST', '/accounting/invoices', {
        kind: 'customer_invoice',
        partnerId,
        invoiceDate: '2026-03-01',
        dueDate: '2026-03-31',
        lines: [{ description: 'Goods', quantity: '1', unitPrice: '100.00', taxIds: [tax] }],
      });
      return (await call('POST', `/accounting/invoices/${draft.body.id}/post`)).body;
    };
    const late = await invoice(customer);
    await invoice(silent);
    expect((await call('POST', '/accounting/dunning/run', { asOf: '2026-04-03' })).body.sent).toEqual([]);
    const first = (await call('POST', '/accounting/dunning/run', { asOf: '2026-04-08' })).body;
    expect(first.sent).toEqual([{ invoiceId: late.id, number: late.number, level: 1, to: email }]);
    expect(first.skipped).toEqual([expect.objectContaining({ reason: 'No Mail Ltd has no email address' })]);
    const mail = await inbox.waitFor(email);
    expect(mail.subject).toBe(`Reminder: ${late.number}`);
    expect(mail.text).toContain('120.00 EUR was due on 2026-03-31');
    expect(mail.text).toContain(late.creditorReference.slice(0, 4));
    expect((await call('POST', '/accounting/dunning/run', { asOf: '2026-04-09' })).body.sent).toEqual([]);
    expect((await call('POST', '/accounting/dunning/run', { asOf: '2026-05-01' })).body.sent).toEqual([
      expect.objectContaining({ level: 2 }),
    ]);
  });
});
