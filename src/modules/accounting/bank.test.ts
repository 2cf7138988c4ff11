import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { camt053 } from '../../../test/support/camt.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { runChecks } from '../../platform/checks.ts';
import { modules } from '../registry.ts';

const t = useTestApp();
let admin: Member;
let accounts: Record<string, string>;
let journals: Record<string, string>;
let vat20: string;
const IBAN = 'DE89370400440532013000';
const CONFORMANCE = new URL('../../../../shared/conformance/', import.meta.url);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
async function call(method: Method, url: string, payload?: unknown, member = admin) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: member.auth,
  });
  return { status: response.statusCode, body: response.json() };
}

const importFile = (content: string | Buffer, extra: object = {}) =>
  call('POST', '/accounting/bank-statements/import', {
    journalId: journals.BNK,
    content: Buffer.from(content).toString('base64'),
    ...extra,
  });

async function customerInvoice(name: string, amount: string) {
  const customer = (await call('POST', '/crm/parties', { kind: 'organisation', name, isCustomer: true })).body
    .id;
  const draft = await call('POST', '/accounting/invoices', {
    kind: 'customer_invoice',
    partnerId: customer,
    invoiceDate: '2026-04-01',
    lines: [{ description: 'Goods', quantity: '1', unitPrice: amount, taxIds: [vat20] }],
  });
  return { customer, invoice: (await call('POST', `/accounting/invoices/${draft.body.id}/post`)).body };
}

beforeAll(async () => {
  admin = await createMember(t.database);
  await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' });
  accounts = Object.fromEntries(
    (await call('GET', '/accounting/accounts')).body.data.map((a: { code: string; id: string }) => [
      a.code,
      a.id,
    ]),
  );
  const bank = await call('POST', '/accounting/journals', {
    code: 'BNK2',
    name: 'Commerzbank',
    type: 'bank',
    defaultAccountId: accounts['1000'],
    bankIban: IBAN,
  });
  expect(bank.status).toBe(201);
  journals = Object.fromEntries(
    (await call('GET', '/accounting/journals')).body.data.map((j: { code: string; id: string }) => [
      j.code,
      j.id,
    ]),
  );
  journals.BNK = bank.body.id;
  vat20 = (await call('GET', '/accounting/taxes?scope=sale')).body.data.find(
    (x: { code: string }) => x.code === 'VAT20',
  ).id;
});

describe('bank statement import', () => {
  it('imports a camt.053 statement and pays the invoice whose creditor reference it quotes', async () => {
    const { invoice } = await customerInvoice('RF Customer', '100.00');
    const file = camt053({
      iban: IBAN,
      currency: 'EUR',
      id: 'STMT-1',
      from: '2026-04-10',
      to: '2026-04-10',
      entries: [
        {
          amount: '120.00',
          direction: 'in',
          date: '2026-04-10',
          reference: 'BANKREF-1',
          creditorReference: invoice.creditorReference,
          counterparty: { name: 'RF Customer' },
        },
        {
          amount: '45.10',
          direction: 'out',
          date: '2026-04-10',
          reference: 'BANKREF-2',
          text: 'Card 1234 OFFICE SUPPLIES',
        },
      ],
    });
    const imported = await importFile(file, { fileName: 'stmt-1.xml' });
    expect(imported.status).toBe(201);
    expect(imported.body.statements[0]).toMatchObject({
      format: 'camt.053',
      lineCount: 2,
      newLineCount: 2,
      duplicateCount: 0,
      reconciledCount: 1,
    });
    expect((await call('GET', `/accounting/invoices/${invoice.id}`)).body).toMatchObject({
      paymentState: 'paid',
      amountDue: '0.00',
    });
    const open = (await call('GET', `/accounting/bank-statement-lines?journalId=${journals.BNK}&state=open`))
      .body.data;
    expect(open.map((l: { amount: string }) => l.amount)).toEqual(['-45.10']);

    const again = await importFile(file);
    expect(again.body.statements[0]).toMatchObject({
      lineCount: 2,
      newLineCount: 0,
      duplicateCount: 2,
      reconciledCount: 0,
    });
    const overlapping = camt053({
      iban: IBAN,
      currency: 'EUR',
      id: 'STMT-2',
      from: '2026-04-10',
      to: '2026-04-11',
      entries: [
        {
          amount: '45.10',
          direction: 'out',
          date: '2026-04-10',
          reference: 'BANKREF-2',
          text: 'Card 1234 OFFICE SUPPLIES',
        },
        {
          amount: '9.90',
          direction: 'out',
          date: '2026-04-11',
          reference: 'BANKREF-3',
          text: 'Account fee April',
        },
      ],
    });
    expect((await importFile(overlapping)).body.statements[0]).toMatchObject({
      newLineCount: 1,
      duplicateCount: 1,
    });
  });

  it('reconciles recurring lines by rule on import', async () => {
    const rule = await call('POST', '/accounting/reconciliation-rules', {
      name: 'Bank fees',
      direction: 'out',
      textContains: 'account fee',
      accountId: accounts['6400'],
      label: 'Bank fees',
    });
    expect(rule.status).toBe(201);
    const file = camt053({
      iban: IBAN,
      currency: 'EUR',
      id: 'STMT-3',
      from: '2026-05-01',
      to: '2026-05-01',
      entries: [
        {
          amount: '9.90',
          direction: 'out',
          date: '2026-05-01',
          reference: 'BANKREF-4',
          text: 'Account fee May',
        },
      ],
    });
    expect((await importFile(file)).body.statements[0]).toMatchObject({ reconciledCount: 1 });
    const reconciled = (
      await call('GET', `/accounting/bank-statement-lines?journalId=${journals.BNK}&state=reconciled`)
    ).body.data;
    const fee = reconciled.find((l: { bankReference: string }) => l.bankReference === 'BANKREF-4');
    expect(fee.ruleId).toBe(rule.body.id);
    const entry = (await call('GET', `/accounting/entries/${fee.entryId}`)).body;
    expect(
      entry.lines.map((l: { accountCode: string; debit: string; credit: string }) => [
        l.accountCode,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['1000', '0.00', '9.90'],
      ['6400', '9.90', '0.00'],
    ]);
  });

  it('suggests the invoice a line names, and reconciles it by hand with a fee split off', async () => {
    const { customer, invoice } = await customerInvoice('Split Customer', '50.00');
    const file = camt053({
      iban: IBAN,
      currency: 'EUR',
      id: 'STMT-4',
      from: '2026-05-02',
      to: '2026-05-02',
      entries: [
        {
          amount: '58.50',
          direction: 'in',
          date: '2026-05-02',
          reference: 'BANKREF-5',
          text: `Payment ${invoice.number} less fees`,
        },
      ],
    });
    await importFile(file);
    const [line] = (
      await call('GET', `/accounting/bank-statement-lines?journalId=${journals.BNK}&state=open`)
    ).body.data.filter((l: { bankReference: string }) => l.bankReference === 'BANKREF-5');
    const suggestions = (await call('GET', `/accounting/bank-statement-lines/${line.id}/suggestions`)).body
      .data;
    expect(suggestions[0]).toMatchObject({ invoiceId: invoice.id, score: 60 });
    const before = await databaseFingerprint(t.database);
    const refused = await call('POST', `/accounting/bank-statement-lines/${line.id}/reconcile`, {
      invoices: [{ invoiceId: invoice.id }],
      counterparts: [{ accountId: accounts['6400'], amount: '60.00' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('accounting.bank_line_split_invalid');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    // The customer paid 60.00; the bank kept 1.50 of it as its fee.
    const done = await call('POST', `/accounting/bank-statement-lines/${line.id}/reconcile`, {
      partnerId: customer,
      invoices: [{ invoiceId: invoice.id }],
      counterparts: [{ accountId: accounts['6400'], amount: '-1.50', description: 'Bank fee' }],
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'reconciled' });
    expect((await call('GET', `/accounting/invoices/${invoice.id}`)).body).toMatchObject({
      paymentState: 'paid',
      amountDue: '0.00',
    });
    const fee = (await call('GET', `/accounting/entries/${done.body.entryId}`)).body;
    expect(
      fee.lines.map((l: { accountCode: string; debit: string; credit: string }) => [
        l.accountCode,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['1000', '0.00', '1.50'],
      ['6400', '1.50', '0.00'],
    ]);
    const twice = await call('POST', `/accounting/bank-statement-lines/${line.id}/reconcile`, {
      partnerId: customer,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('accounting.bank_line_not_open');
  });

  it('refuses a statement of another account or a malformed file, with where and why, writing nothing', async () => {
    const before = await databaseFingerprint(t.database);
    const other = camt053({
      iban: 'GB82WEST12345698765432',
      currency: 'EUR',
      id: 'X',
      from: '2026-05-01',
      to: '2026-05-01',
      entries: [],
    });
    const wrongAccount = await importFile(other);
    expect(wrongAccount.status).toBe(422);
    expect(wrongAccount.body.code).toBe('accounting.statement_wrong_account');
    const broken = await importFile(
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>',
    );
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('accounting.statement_invalid');
    const csv = await importFile('date;amount\n2026-05-01;12,50\n');
    expect(csv.body.code).toBe('accounting.csv_mapping_required');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('reads an OFX file and a CSV export with its saved mapping', async () => {
    // The sample is a USD checking account: a USD bank journal takes it, the EUR one refuses it.
    const checking = readFileSync(new URL('ofx-csv-bank/ofx/valid/checking.ofx', CONFORMANCE));
    const refused = await call('POST', '/accounting/bank-statements/import', {
      journalId: journals.BNK,
      content: checking.toString('base64'),
    });
    expect(['accounting.statement_currency_mismatch', 'accounting.statement_wrong_account']).toContain(
      refused.body.code,
    );
    const usd = await call('POST', '/accounting/journals', {
      code: 'OFXUSD',
      name: 'USD bank',
      type: 'bank',
      defaultAccountId: accounts['1000'],
      currencyCode: 'USD',
    });
    const ofx = await call('POST', '/accounting/bank-statements/import', {
      journalId: usd.body.id,
      content: checking.toString('base64'),
      autoReconcile: false,
    });
    expect(ofx.status).toBe(201);
    expect(ofx.body.statements[0]).toMatchObject({
      format: 'ofx',
      newLineCount: ofx.body.statements[0].lineCount,
    });
    expect(ofx.body.statements[0].lineCount).toBeGreaterThan(0);
    const mapping = await call('POST', '/accounting/bank-csv-mappings', {
      name: 'Sparkasse',
      mapping: {
        encoding: 'windows-1252',
        delimiter: ';',
        decimalSeparator: ',',
        thousandsSeparator: '.',
        dateFormat: 'DD.MM.YYYY',
        skipLines: 2,
        skipFooterLines: 1,
        hasHeader: true,
        columns: {
          date: 'Buchungstag',
          amount: 'Betrag',
          counterparty: 'Empfänger',
          text: 'Verwendungszweck',
        },
        currency: 'EUR',
      },
    });
    expect(mapping.status).toBe(201);
    const csvJournal = await call('POST', '/accounting/journals', {
      code: 'CSV',
      name: 'Sparkasse',
      type: 'bank',
      defaultAccountId: accounts['1000'],
    });
    const csv = Buffer.from(
      'Kontoumsätze\nKonto: 123\nBuchungstag;Betrag;Empfänger;Verwendungszweck\n01.05.2026;-1.234,56;Müller GmbH;Miete Mai\n02.05.2026;-3,20;Café;Kaffee\n02.05.2026;-3,20;Café;Kaffee\nEnde der Liste\n',
      'latin1',
    );
    const imported = await call('POST', '/accounting/bank-statements/import', {
      journalId: csvJournal.body.id,
      content: csv.toString('base64'),
      csvMappingId: mapping.body.id,
    });
    expect(imported.status).toBe(201);
    expect(imported.body.statements[0]).toMatchObject({ lineCount: 3, newLineCount: 3 });
    const lines = (await call('GET', `/accounting/bank-statement-lines?journalId=${csvJournal.body.id}`)).body
      .data;
    expect(
      lines
        .map((l: { amount: string; counterpartyName: string }) => `${l.amount} ${l.counterpartyName}`)
        .sort(),
    ).toEqual(['-1234.56 Müller GmbH', '-3.20 Café', '-3.20 Café']);
    const again = await call('POST', '/accounting/bank-statements/import', {
      journalId: csvJournal.body.id,
      content: csv.toString('base64'),
      csvMappingId: mapping.body.id,
    });
    expect(again.body.statements[0]).toMatchObject({ newLineCount: 0, duplicateCount: 3 });
  });

  it.skipIf(!onPostgres)('the same file uploaded twice at once is imported once', async () => {
    const { invoice } = await customerInvoice('Race Customer', '10.00');
    const file = camt053({
      iban: IBAN,
      currency: 'EUR',
      id: 'STMT-RACE',
      from: '2026-06-01',
      to: '2026-06-01',
      entries: [
        {
          amount: '12.00',
          direction: 'in',
          date: '2026-06-01',
          reference: 'RACE-1',
          creditorReference: invoice.creditorReference,
        },
      ],
    });
    const results = await Promise.all([importFile(file), importFile(file), importFile(file)]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(results.reduce((sum, r) => sum + r.body.statements[0].newLineCount, 0)).toBe(1);
    expect((await call('GET', `/accounting/invoices/${invoice.id}`)).body.paymentState).toBe('paid');
  });

  it('leaves the books sound', async () => {
    const results = await runChecks(t.database, modules);
    expect(results.flatMap((r) => r.violations)).toEqual([]);
  });
});
