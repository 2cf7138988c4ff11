import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';

const t = useTestApp();

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
async function call(member: Member, method: Method, url: string, payload?: unknown) {
  const response = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: member.auth,
  });
  const json = response.headers['content-type']?.toString().includes('json');
  return {
    status: response.statusCode,
    body: json ? response.json() : response.body,
    raw: response.rawPayload,
    headers: response.headers,
  };
}

type Books = {
  member: Member;
  accounts: Record<string, string>;
  journals: Record<string, string>;
  sale: Record<string, string>;
  purchase: Record<string, string>;
};

async function books(): Promise<Books> {
  const member = await createMember(t.database);
  await call(member, 'POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' });
  const map = async (url: string) =>
    Object.fromEntries(
      (await call(member, 'GET', url)).body.data.map((x: { code: string; id: string }) => [x.code, x.id]),
    );
  return {
    member,
    accounts: await map('/accounting/accounts'),
    journals: await map('/accounting/journals'),
    sale: await map('/accounting/taxes?scope=sale'),
    purchase: await map('/accounting/taxes?scope=purchase'),
  };
}

async function post(b: Books, kind: string, lines: object[], date = '2026-02-10', extra: object = {}) {
  const role = kind.startsWith('customer') ? { isCustomer: true } : { isSupplier: true };
  const partner = (
    await call(b.member, 'POST', '/crm/parties', {
      kind: 'organisation',
      name: `P ${Math.random()}`,
      ...role,
    })
  ).body.id;
  const draft = await call(b.member, 'POST', '/accounting/invoices', {
    kind,
    partnerId: partner,
    invoiceDate: date,
    lines,
    ...extra,
  });
  expect(draft.status).toBe(201);
  const posted = await call(b.member, 'POST', `/accounting/invoices/${draft.body.id}/post`);
  expect(posted.status).toBe(200);
  return posted.body;
}

let b: Books;
beforeAll(async () => {
  b = await books();
  await post(b, 'customer_invoice', [
    { description: 'Goods', quantity: '10', unitPrice: '100.00', taxIds: [b.sale.VAT20] },
    { description: 'Books', quantity: '4', unitPrice: '25.00', taxIds: [b.sale['VAT5.5']] },
    { description: 'Export', quantity: '1', unitPrice: '300.00', taxIds: [b.sale.G] },
  ]);
  await post(b, 'customer_credit_note', [
    { description: 'Return', quantity: '1', unitPrice: '100.00', taxIds: [b.sale.VAT20] },
  ]);
  await post(b, 'vendor_bill', [
    { description: 'Stock', quantity: '1', unitPrice: '400.00', taxIds: [b.purchase.VAT20] },
  ]);
  await call(b.member, 'POST', '/accounting/entries', {
    journalId: b.journals.BNK,
    date: '2026-02-15',
    description: 'Rent',
    lines: [
      { accountId: b.accounts['6100'], debit: '250.00' },
      { accountId: b.accounts['1000'], credit: '250.00' },
    ],
  });
});

describe('financial statements', () => {
  it('profit and loss: revenue less cost and expenses', async () => {
    const report = (
      await call(b.member, 'GET', '/accounting/reports/profit-and-loss?from=2026-01-01&to=2026-12-31')
    ).body;
    const total = (key: string) => report.sections.find((s: { key: string }) => s.key === key).total;
    expect(total('revenue')).toBe('1300.00');
    expect(total('expenses')).toBe('650.00');
    expect(report).toMatchObject({ grossProfit: '1300.00', netProfit: '650.00' });
  });

  it('the balance sheet balances, with the profit not yet closed in equity', async () => {
    const report = (await call(b.member, 'GET', '/accounting/reports/balance-sheet?asOf=2026-12-31')).body;
    expect(report).toMatchObject({ balanced: true, unallocatedEarnings: '650.00' });
    const assets = report.sections.find((s: { key: string }) => s.key === 'assets');
    expect(assets.rows.find((r: { code: string }) => r.code === '1100').amount).toBe('1485.50');
  });

  it('the tax report gives each tax’s base and amount, zero-rated included, and what is payable', async () => {
    const report = (await call(b.member, 'GET', '/accounting/reports/tax?from=2026-01-01&to=2026-12-31'))
      .body;
    const row = (scope: string, code: string) =>
      report.rows.find((r: { scope: string; code: string }) => r.scope === scope && r.code === code);
    expect(row('sale', 'VAT20')).toMatchObject({ base: '900.00', tax: '180.00' });
    expect(row('sale', 'VAT5.5')).toMatchObject({ base: '100.00', tax: '5.50' });
    expect(row('sale', 'G')).toMatchObject({ base: '300.00', tax: '0.00', vatCategory: 'G' });
    expect(row('purchase', 'VAT20')).toMatchObject({ base: '400.00', tax: '80.00' });
    expect(report.payable).toBe('105.50');
  });

  it('exports reports as CSV and XLSX', async () => {
    const csv = await call(
      b.member,
      'GET',
      '/accounting/reports/trial-balance?from=2026-01-01&to=2026-12-31&format=csv',
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toMatch(/^Code,Account,Type,Opening,Debit,Credit,Closing\r\n/);
    expect(csv.body).toContain('1100,Accounts receivable,asset,0.00,1605.50,120.00,1485.50');
    const xlsx = await call(
      b.member,
      'GET',
      '/accounting/reports/tax?from=2026-01-01&to=2026-12-31&format=xlsx',
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheet = new XMLParser().parse(
      strFromU8(unzipSync(new Uint8Array(xlsx.raw))['xl/worksheets/sheet1.xml']!),
    );
    expect(JSON.stringify(sheet)).toContain('105.5');
  });
});

describe('closing the year', () => {
  it('moves profit and loss to retained earnings and takes no more postings', async () => {
    const c = await books();
    await post(
      c,
      'customer_invoice',
      [{ description: 'Goods', quantity: '1', unitPrice: '1000.00', taxIds: [c.sale.VAT20] }],
      '2026-06-01',
    );
    const years = (await call(c.member, 'GET', '/accounting/fiscal-years')).body.data;
    const closed = await call(c.member, 'POST', `/accounting/fiscal-years/${years[0].id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.closed).toBe(true);
    const sheet = (await call(c.member, 'GET', '/accounting/reports/balance-sheet?asOf=2026-12-31')).body;
    expect(sheet).toMatchObject({ balanced: true, unallocatedEarnings: '0.00' });
    const equity = sheet.sections.find((s: { key: string }) => s.key === 'equity');
    expect(equity.rows.find((r: { code: string }) => r.code === '3100').amount).toBe('1000.00');
    const pnl = (
      await call(c.member, 'GET', '/accounting/reports/profit-and-loss?from=2026-01-01&to=2026-12-31')
    ).body;
    expect(pnl.netProfit).toBe('1000.00');
    const late = await call(c.member, 'POST', '/accounting/entries', {
      journalId: c.journals.GEN,
      date: '2026-12-30',
      description: 'Too late',
      lines: [
        { accountId: c.accounts['6100'], debit: '1.00' },
        { accountId: c.accounts['1000'], credit: '1.00' },
      ],
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('accounting.fiscal_year_closed');
    expect((await call(c.member, 'POST', `/accounting/fiscal-years/${years[0].id}/close`)).status).toBe(409);
  });
});

describe('opening balances', () => {
  it('reports every bad row in a dry run, then imports all or nothing', async () => {
    const c = await books();
    const customer = (
      await call(c.member, 'POST', '/crm/parties', {
        kind: 'organisation',
        name: 'Old Customer',
        isCustomer: true,
        taxId: 'FR40303265045',
      })
    ).body.id;
    const bad = 'account,debit,credit,partner\n1000,5000.00,,\n9999,1.00,,\n1100,100.00,,\n3000,,5000.001,\n';
    const dry = await call(c.member, 'POST', '/accounting/opening-balances', {
      date: '2026-01-01',
      csv: bad,
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.problems.map((p: { path: string }) => p.path)).toEqual(['line 3', 'line 4', 'line 5']);
    const before = await databaseFingerprint(t.database);
    const refused = await call(c.member, 'POST', '/accounting/opening-balances', {
      date: '2026-01-01',
      csv: bad,
    });
    expect(refused.status).toBe(422);
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const good = `account,debit,credit,partner,description\n1000,5000.00,,,Bank\n1100,1200.00,,FR40303265045,Open invoice 2025-118\n3000,,6200.00,,Capital\n`;
    const imported = await call(c.member, 'POST', '/accounting/opening-balances', {
      date: '2026-01-01',
      csv: good,
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ lines: 3, debit: '6200.00', credit: '6200.00', problems: [] });
    const open = (await call(c.member, 'GET', `/accounting/open-items?partnerId=${customer}`)).body.data;
    expect(open[0]).toMatchObject({ side: 'debit', residualMinor: 120000 });
  });
});

describe('revaluation', () => {
  it('restates open foreign-currency receivables at the period-end rate, reversed the next day', async () => {
    const c = await books();
    await call(c.member, 'PUT', '/accounting/exchange-rates', {
      currencyCode: 'USD',
      date: '2026-03-01',
      rate: '0.90',
    });
    await call(c.member, 'PUT', '/accounting/exchange-rates', {
      currencyCode: 'USD',
      date: '2026-03-31',
      rate: '0.95',
    });
    const invoice = await post(
      c,
      'customer_invoice',
      [{ description: 'Service', quantity: '1', unitPrice: '1000.00', taxIds: [c.sale.Z0] }],
      '2026-03-05',
      { currencyCode: 'USD' },
    );
    const result = await call(c.member, 'POST', '/accounting/revaluations', { date: '2026-03-31' });
    expect(result.body).toMatchObject({ adjustedItems: 1 });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ adjustedItems: 1, gain: '50.00', loss: '0.00' });
    const march = (
      await call(c.member, 'GET', '/accounting/reports/trial-balance?from=2026-01-01&to=2026-03-31')
    ).body;
    expect(march.accounts.find((a: { code: string }) => a.code === '1100').closing).toBe('950.00');
    const april = (
      await call(c.member, 'GET', '/accounting/reports/trial-balance?from=2026-01-01&to=2026-04-01')
    ).body;
    expect(april.accounts.find((a: { code: string }) => a.code === '1100').closing).toBe('900.00');
    expect((await call(c.member, 'GET', `/accounting/invoices/${invoice.id}`)).body.amountDue).toBe(
      '1000.00',
    );
    const open = (await call(c.member, 'GET', `/accounting/open-items?partnerId=${invoice.partnerId}`)).body
      .data;
    expect(open).toHaveLength(1);
    expect((await call(c.member, 'POST', '/accounting/revaluations', { date: '2026-03-31' })).status).toBe(
      409,
    );
  });
});
