import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { runChecks } from '../../platform/checks.ts';
import { withTx } from '../../platform/db/tx.ts';
import { isValidCreditorReference } from '../../shared/creditor-reference.ts';
import { modules } from '../registry.ts';
import { readPdf } from './documents/read-pdf.test-support.ts';

const t = useTestApp();
let admin: Member;
let accounts: Record<string, string>;
let journals: Record<string, string>;
let saleTax: Record<string, string>;
let purchaseTax: Record<string, string>;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, payload?: unknown, member = admin) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: member.auth,
  });
  const text = response.body;
  return {
    status: response.statusCode,
    body: text && response.headers['content-type']?.toString().includes('json') ? response.json() : text,
    raw: response.rawPayload,
    headers: response.headers,
  };
}

let partySeq = 0;
async function party(role: 'customer' | 'supplier' = 'customer', extra: object = {}) {
  const created = await call('POST', '/crm/parties', {
    kind: 'organisation',
    name: `Partner ${++partySeq}`,
    isCustomer: role === 'customer',
    isSupplier: role === 'supplier',
    address: { street: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', countryCode: 'FR' },
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const goods = (unitPrice: string, quantity = '1', tax = 'VAT20', extra: object = {}) => ({
  description: `Goods at ${unitPrice}`,
  quantity,
  unitPrice,
  taxIds: [saleTax[tax]!],
  ...extra,
});

async function invoice(partnerId: string, lines: object[], extra: object = {}) {
  const draft = await call('POST', '/accounting/invoices', {
    kind: 'customer_invoice',
    partnerId,
    invoiceDate: '2026-03-02',
    lines,
    ...extra,
  });
  expect(draft.status).toBe(201);
  const posted = await call('POST', `/accounting/invoices/${draft.body.id}/post`);
  expect(posted.status).toBe(200);
  return posted.body;
}

const pay = (partnerId: string, amount: string, allocations: object[], extra: object = {}) =>
  call('POST', '/accounting/payments', {
    direction: 'inbound',
    partnerId,
    journalId: journals.BNK,
    date: '2026-03-20',
    amount,
    allocations,
    ...extra,
  });

beforeAll(async () => {
  admin = await createMember(t.database);
  expect(
    (await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' })).status,
  ).toBe(201);
  await call('PATCH', '/accounting/settings', {
    version: 1,
    legalName: 'Tandem Test SAS',
    vatId: 'FR40303265045',
    street: '10 Avenue des Champs',
    city: 'Lyon',
    postalCode: '69001',
    countryCode: 'FR',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    bic: 'AGRIFRPP',
  });
  const list = async (url: string) => (await call('GET', url)).body.data;
  accounts = Object.fromEntries(
    (await list('/accounting/accounts')).map((a: { code: string; id: string }) => [a.code, a.id]),
  );
  journals = Object.fromEntries(
    (await list('/accounting/journals')).map((j: { code: string; id: string }) => [j.code, j.id]),
  );
  saleTax = Object.fromEntries(
    (await list('/accounting/taxes?scope=sale')).map((x: { code: string; id: string }) => [x.code, x.id]),
  );
  purchaseTax = Object.fromEntries(
    (await list('/accounting/taxes?scope=purchase')).map((x: { code: string; id: string }) => [x.code, x.id]),
  );
});

describe('customer invoices', () => {
  it('drafts, edits and posts an invoice: number, creditor reference, and an entry per line and tax', async () => {
    const customer = await party('customer', { paymentTermDays: 30 });
    const draft = await call('POST', '/accounting/invoices', {
      kind: 'customer_invoice',
      partnerId: customer,
      invoiceDate: '2026-03-02',
      lines: [goods('100.00', '3', 'VAT20', { discountPercent: '10' }), goods('12.00', '5', 'VAT5.5')],
    });
    expect(draft.body).toMatchObject({
      state: 'draft',
      paymentState: 'not_due',
      net: '330.00',
      tax: '57.30',
      total: '387.30',
    });
    const edited = await call('PATCH', `/accounting/invoices/${draft.body.id}`, {
      version: draft.body.version,
      reference: 'PO-77',
      lines: [goods('100.00', '3', 'VAT20', { discountPercent: '10' }), goods('12.00', '10', 'VAT5.5')],
    });
    expect(edited.body).toMatchObject({ net: '390.00', tax: '60.60', total: '450.60', reference: 'PO-77' });
    const posted = await call('POST', `/accounting/invoices/${draft.body.id}/post`);
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      state: 'posted',
      paymentState: 'unpaid',
      amountDue: '450.60',
      dueDate: '2026-04-01',
    });
    expect(posted.body.number).toMatch(/^SAL\/2026\/\d{5}$/);
    expect(isValidCreditorReference(posted.body.creditorReference)).toBe(true);
    const entry = (await call('GET', `/accounting/entries/${posted.body.entryId}`)).body;
    expect(entry.number).toBe(posted.body.number);
    expect(
      entry.lines.map((l: { accountCode: string; debit: string; credit: string; taxBase: string | null }) => [
        l.accountCode,
        l.debit,
        l.credit,
        l.taxBase,
      ]),
    ).toEqual([
      ['4000', '0.00', '270.00', null],
      ['4000', '0.00', '120.00', null],
      ['2100', '0.00', '54.00', '270.00'],
      ['2100', '0.00', '6.60', '120.00'],
      ['1100', '450.60', '0.00', null],
    ]);
  });

  it('freezes a posted invoice, in the API and in the database', async () => {
    const posted = await invoice(await party(), [goods('10.00')]);
    const refused = await call('PATCH', `/accounting/invoices/${posted.id}`, {
      version: posted.version,
      note: 'late edit',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('accounting.invoice_not_draft');
    const sneaky = withTx(
      t.database,
      { companyId: admin.companyId, actor: { type: 'system', id: null } },
      (tx) =>
        tx.db.execute(
          sql`update accounting_invoice_lines set unit_price = 1 where invoice_id = ${posted.id}`,
        ),
    );
    await expect(sneaky).rejects.toThrow();
    const total = withTx(
      t.database,
      { companyId: admin.companyId, actor: { type: 'system', id: null } },
      (tx) => tx.db.execute(sql`update accounting_invoices set note = 'x' where id = ${posted.id}`),
    );
    await expect(total).rejects.toThrow();
  });

  it.each([
    [
      'a supplier as customer',
      async () => ({ kind: 'customer_invoice', partnerId: await party('supplier'), lines: [goods('1.00')] }),
      422,
      'accounting.invoice_partner_invalid',
    ],
    [
      'a purchase tax on a sale',
      async () => ({
        kind: 'customer_invoice',
        partnerId: await party(),
        lines: [{ ...goods('1.00'), taxIds: [purchaseTax.VAT20] }],
      }),
      422,
      'accounting.tax_invalid',
    ],
    [
      'an unknown currency',
      async () => ({
        kind: 'customer_invoice',
        partnerId: await party(),
        currencyCode: 'XYZ',
        lines: [goods('1.00')],
      }),
      422,
      'accounting.currency_invalid',
    ],
  ])('refuses a draft with %s, writing nothing', async (_what, body, status, code) => {
    const payload = await body();
    const before = await databaseFingerprint(t.database);
    const refused = await call('POST', '/accounting/invoices', payload);
    expect(refused.status).toBe(status);
    expect(refused.body.code).toBe(code);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('renders its PDF with the number, the parties and the payment reference', async () => {
    const posted = await invoice(await party(), [goods('49.90', '2')]);
    const pdf = await call('GET', `/accounting/invoices/${posted.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await readPdf(pdf.raw)).all;
    expect(text).toContain(posted.number);
    expect(text).toContain('Tandem Test SAS');
    expect(text).toContain('FR76 3000 6000 0112 3456 7890 189');
    expect(text).toContain('119.76');
  });

  it('cancels a posted invoice by a credit note that settles it; not once it is paid', async () => {
    const customer = await party();
    const posted = await invoice(customer, [goods('80.00')]);
    const cancelled = await call('POST', `/accounting/invoices/${posted.id}/cancel`, {
      reason: 'ordered twice',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', amountDue: '0.00' });
    const notes = (await call('GET', `/accounting/invoices?kind=customer_credit_note&partnerId=${customer}`))
      .body.data;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      state: 'posted',
      total: '96.00',
      amountDue: '0.00',
      correctsInvoiceId: posted.id,
    });
    const paid = await invoice(customer, [goods('10.00')]);
    expect((await pay(customer, '12.00', [{ invoiceId: paid.id }])).status).toBe(201);
    const refused = await call('POST', `/accounting/invoices/${paid.id}/cancel`, { reason: 'too late' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('accounting.invoice_has_payments');
  });
});

describe('payments', () => {
  it('pays an invoice in two parts; an overpayment stays as the customer’s credit', async () => {
    const customer = await party();
    const posted = await invoice(customer, [goods('100.00')]);
    const first = await pay(customer, '50.00', [{ invoiceId: posted.id }]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      unallocated: '0.00',
      allocations: [{ invoiceId: posted.id, amount: '50.00' }],
    });
    expect((await call('GET', `/accounting/invoices/${posted.id}`)).body).toMatchObject({
      paymentState: 'partial',
      amountDue: '70.00',
    });
    const second = await pay(customer, '100.00', [{ invoiceId: posted.id }]);
    expect(second.body).toMatchObject({ amount: '100.00', unallocated: '30.00' });
    expect((await call('GET', `/accounting/invoices/${posted.id}`)).body).toMatchObject({
      paymentState: 'paid',
      amountDue: '0.00',
    });
    const open = (await call('GET', `/accounting/open-items?partnerId=${customer}`)).body.data;
    expect(open).toEqual([expect.objectContaining({ side: 'credit', residualMinor: 3000 })]);
    const later = await invoice(customer, [goods('20.00')]);
    const credit = open[0].lineId;
    const matched = await call('POST', '/accounting/allocations', {
      debitLineId: await openLine(later.id),
      creditLineId: credit,
    });
    expect(matched.status).toBe(201);
    expect((await call('GET', `/accounting/invoices/${later.id}`)).body).toMatchObject({
      amountDue: '0.00',
      paymentState: 'paid',
    });
  });

  it('writes off a small remainder when asked', async () => {
    const customer = await party();
    const posted = await invoice(customer, [goods('33.33')]);
    const payment = await pay(customer, '39.95', [{ invoiceId: posted.id, writeOff: true }]);
    expect(payment.status).toBe(201);
    expect((await call('GET', `/accounting/invoices/${posted.id}`)).body).toMatchObject({
      paymentState: 'paid',
      amountDue: '0.00',
    });
    const trial = (await call('GET', '/accounting/reports/trial-balance?from=2026-01-01&to=2026-12-31')).body;
    expect(trial.accounts.find((a: { code: string }) => a.code === '6920')).toMatchObject({
      debit: expect.stringMatching(/\d/),
    });
  });

  it('refuses to allocate more than is due, another partner’s invoice, or a bill to money received', async () => {
    const customer = await party();
    const posted = await invoice(customer, [goods('10.00')]);
    const stranger = await party();
    const supplier = await party('supplier');
    const draft = await call('POST', '/accounting/invoices', {
      kind: 'vendor_bill',
      partnerId: supplier,
      lines: [{ description: 'x', quantity: '1', unitPrice: '5.00' }],
    });
    const bill = (await call('POST', `/accounting/invoices/${draft.body.id}/post`)).body;
    const before = await databaseFingerprint(t.database);
    const tooMuch = await pay(customer, '50.00', [{ invoiceId: posted.id, amount: '13.00' }]);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({
      code: 'accounting.payment_allocation_invalid',
      errors: [{ path: 'allocations.0.amount' }],
    });
    const other = await pay(stranger, '12.00', [{ invoiceId: posted.id }]);
    expect(other.body.code).toBe('accounting.payment_allocation_invalid');
    const wrongWay = await pay(supplier, '5.00', [{ invoiceId: bill.id }]);
    expect(wrongWay.body.code).toBe('accounting.payment_allocation_invalid');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('pays a supplier’s bill with money going out', async () => {
    const supplier = await party('supplier');
    const draft = await call('POST', '/accounting/invoices', {
      kind: 'vendor_bill',
      partnerId: supplier,
      invoiceDate: '2026-03-05',
      reference: 'SUP-2026-118',
      lines: [{ description: 'Paper', quantity: '10', unitPrice: '4.50', taxIds: [purchaseTax.VAT20] }],
    });
    const bill = (await call('POST', `/accounting/invoices/${draft.body.id}/post`)).body;
    expect(bill).toMatchObject({ total: '54.00', creditorReference: null });
    const entry = (await call('GET', `/accounting/entries/${bill.entryId}`)).body;
    expect(
      entry.lines.map((l: { accountCode: string; debit: string; credit: string }) => [
        l.accountCode,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['6300', '45.00', '0.00'],
      ['1300', '9.00', '0.00'],
      ['2000', '0.00', '54.00'],
    ]);
    const paid = await call('POST', '/accounting/payments', {
      direction: 'outbound',
      partnerId: supplier,
      journalId: journals.BNK,
      date: '2026-03-25',
      amount: '54.00',
      allocations: [{ invoiceId: bill.id }],
    });
    expect(paid.status).toBe(201);
    expect((await call('GET', `/accounting/invoices/${bill.id}`)).body.paymentState).toBe('paid');
  });

  it('books the realised exchange difference when a foreign invoice is paid at another rate', async () => {
    await call('PUT', '/accounting/exchange-rates', {
      currencyCode: 'USD',
      date: '2026-03-01',
      rate: '0.90',
    });
    await call('PUT', '/accounting/exchange-rates', {
      currencyCode: 'USD',
      date: '2026-03-15',
      rate: '0.95',
    });
    const customer = await party();
    const posted = await invoice(
      customer,
      [{ description: 'Consulting', quantity: '1', unitPrice: '1000.00', taxIds: [saleTax.Z0] }],
      { currencyCode: 'USD' },
    );
    expect(posted).toMatchObject({ currencyCode: 'USD', total: '1000.00', exchangeRate: '0.900000000000' });
    const payment = await pay(customer, '1000.00', [{ invoiceId: posted.id }], { currencyCode: 'USD' });
    expect(payment.status).toBe(201);
    expect((await call('GET', `/accounting/invoices/${posted.id}`)).body.paymentState).toBe('paid');
    const entry = (await call('GET', `/accounting/entries/${payment.body.entryId}`)).body;
    expect(
      entry.lines.map((l: { accountCode: string; debit: string; credit: string; amountCurrency: string }) => [
        l.accountCode,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['1000', '950.00', '0.00'],
      ['1100', '0.00', '900.00'],
      ['4910', '0.00', '50.00'],
    ]);
  });

  it.skipIf(!onPostgres)(
    'two payments racing for one invoice: one pays it, the other is refused',
    async () => {
      const customer = await party();
      const posted = await invoice(customer, [goods('25.00')]);
      const results = await Promise.all(
        [1, 2, 3].map(() => pay(customer, '30.00', [{ invoiceId: posted.id, amount: '30.00' }])),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect((await call('GET', `/accounting/invoices/${posted.id}`)).body.amountDue).toBe('0.00');
    },
  );
});

async function openLine(invoiceId: string): Promise<string> {
  const invoice = (await call('GET', `/accounting/invoices/${invoiceId}`)).body;
  const entry = (await call('GET', `/accounting/entries/${invoice.entryId}`)).body;
  return entry.lines.at(-1).id;
}

describe('receivables', () => {
  it('ages what each customer owes on a date, past dates included', async () => {
    const customer = await party();
    const old = await invoice(customer, [goods('100.00')], {
      invoiceDate: '2026-01-05',
      dueDate: '2026-01-20',
    });
    await invoice(customer, [goods('50.00')], { invoiceDate: '2026-03-01', dueDate: '2026-03-31' });
    const aged = (await call('GET', '/accounting/reports/aged-balance?kind=receivable&asOf=2026-03-10')).body;
    const row = aged.partners.find((p: { partnerId: string }) => p.partnerId === customer);
    expect(row).toMatchObject({ notDue: '60.00', days31to60: '120.00', total: '180.00' });
    await call('POST', '/accounting/payments', {
      direction: 'inbound',
      partnerId: customer,
      journalId: journals.BNK,
      date: '2026-03-12',
      amount: '120.00',
      allocations: [{ invoiceId: old.id }],
    });
    const before = (await call('GET', '/accounting/reports/aged-balance?kind=receivable&asOf=2026-03-10'))
      .body;
    expect(before.partners.find((p: { partnerId: string }) => p.partnerId === customer).total).toBe('180.00');
    const after = (await call('GET', '/accounting/reports/aged-balance?kind=receivable&asOf=2026-03-12'))
      .body;
    expect(after.partners.find((p: { partnerId: string }) => p.partnerId === customer)).toMatchObject({
      total: '60.00',
      days31to60: '0.00',
    });
  });

  it('any sequence of invoices, payments and cancellations keeps each customer’s balance equal to their open items', async () => {
    const step = fc.oneof(
      fc.record({
        op: fc.constant('invoice' as const),
        cents: fc.integer({ min: 1, max: 100_000 }),
        tax: fc.constantFrom('VAT20', 'VAT5.5', 'Z0'),
      }),
      fc.record({ op: fc.constant('pay' as const), cents: fc.integer({ min: 1, max: 150_000 }) }),
      fc.record({ op: fc.constant('cancel' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const customer = await party();
        const invoices: { id: string; cancellable: boolean }[] = [];
        for (const s of steps) {
          if (s.op === 'invoice')
            invoices.push({
              id: (await invoice(customer, [goods((s.cents / 100).toFixed(2), '1', s.tax)])).id,
              cancellable: true,
            });
          if (s.op === 'pay') {
            const target = invoices.find((i) => i.cancellable);
            const result = await pay(
              customer,
              (s.cents / 100).toFixed(2),
              target ? [{ invoiceId: target.id, amount: undefined }] : [],
            );
            expect([201, 422]).toContain(result.status);
            if (target && result.status === 201) target.cancellable = false;
          }
          if (s.op === 'cancel') {
            const target = invoices.find((i) => i.cancellable);
            if (target) {
              expect(
                (await call('POST', `/accounting/invoices/${target.id}/cancel`, { reason: 'property' }))
                  .status,
              ).toBe(200);
              target.cancellable = false;
            }
          }
        }
        const ledger = (
          await call(
            'GET',
            `/accounting/reports/general-ledger?accountId=${accounts['1100']}&from=2026-01-01&to=2026-12-31&limit=1000`,
          )
        ).body;
        const open = (await call('GET', `/accounting/open-items?partnerId=${customer}`)).body.data;
        const balance = ledger.lines
          .filter((l: { partnerId: string }) => l.partnerId === customer)
          .reduce(
            (sum: number, l: { debit: string; credit: string }) =>
              sum + Math.round(Number(l.debit) * 100) - Math.round(Number(l.credit) * 100),
            0,
          );
        const items = open.reduce(
          (sum: number, i: { side: string; residualMinor: number }) =>
            sum + (i.side === 'debit' ? 1 : -1) * i.residualMinor,
          0,
        );
        expect(items).toBe(balance);
      }),
      { numRuns: 6 },
    );
    const results = await runChecks(t.database, modules);
    expect(
      results.filter((r) => r.name.includes('entr') || r.name.includes('match')).flatMap((r) => r.violations),
    ).toEqual([]);
  });
});
