import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import { runChecks } from '../../platform/checks.ts';
import { pgErrorOf } from '../../platform/db/pg-error.ts';
import { withTx } from '../../platform/db/tx.ts';
import { newId } from '../../platform/ids.ts';
import { modules } from '../registry.ts';

const t = useTestApp();
let admin: Member;
let accounts: Record<string, string>;
let journals: Record<string, string>;
let customer: string;

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

const line = (code: string, side: 'debit' | 'credit', amount: string, extra: object = {}) => ({
  accountId: accounts[code]!,
  [side]: amount,
  ...extra,
});
const post = (
  lines: object[],
  date = '2026-03-10',
  journal = 'GEN',
  description = 'Test entry',
  member = admin,
) => call('POST', '/accounting/entries', { journalId: journals[journal], date, description, lines }, member);

async function balances(from = '2026-01-01', to = '2027-12-31') {
  const { body } = await call('GET', `/accounting/reports/trial-balance?from=${from}&to=${to}`);
  return body;
}

beforeAll(async () => {
  admin = await createMember(t.database);
  const before = await call('GET', '/accounting/settings');
  expect(before.status).toBe(409);
  expect(before.body.code).toBe('accounting.not_set_up');
  const setup = await call('POST', '/accounting/setup', {
    template: 'generic',
    fiscalYearStart: '2026-01-01',
  });
  expect(setup.status).toBe(201);
  expect(setup.body).toMatchObject({
    chartTemplate: 'generic',
    currencyCode: 'EUR',
    taxRounding: 'per_line',
  });
  accounts = Object.fromEntries(
    (await call('GET', '/accounting/accounts')).body.data.map((a: { code: string; id: string }) => [
      a.code,
      a.id,
    ]),
  );
  journals = Object.fromEntries(
    (await call('GET', '/accounting/journals')).body.data.map((j: { code: string; id: string }) => [
      j.code,
      j.id,
    ]),
  );
  customer = (
    await call('POST', '/crm/parties', { kind: 'organisation', name: 'Ledger Customer', isCustomer: true })
  ).body.id;
});

describe('setting accounting up', () => {
  it('lays out the chart, journals, taxes and two fiscal years of monthly periods, once', async () => {
    expect(Object.keys(accounts)).toEqual(
      expect.arrayContaining(['1000', '1100', '2000', '2100', '4000', '5000']),
    );
    expect(Object.keys(journals)).toEqual(['BNK', 'CSH', 'GEN', 'PUR', 'SAL']);
    const years = (await call('GET', '/accounting/fiscal-years')).body.data;
    expect(years.map((y: { name: string }) => y.name)).toEqual(['2026', '2027']);
    expect(years[0].periods).toHaveLength(12);
    expect(years[0].periods[1]).toMatchObject({
      startDate: '2026-02-01',
      endDate: '2026-02-28',
      locked: false,
    });
    const taxes = (await call('GET', '/accounting/taxes?scope=sale')).body.data;
    expect(taxes.find((tax: { code: string }) => tax.code === 'K')).toMatchObject({
      vatCategory: 'K',
      exemptionReasonCode: 'VATEX-EU-IC',
    });
    const again = await call('POST', '/accounting/setup', { template: 'skr03' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('accounting.already_set_up');
  });

  it('sets up the German SKR03 subset with 19 % and 7 % VAT', async () => {
    const german = await createMember(t.database);
    expect((await call('POST', '/accounting/setup', { template: 'skr03' }, german)).status).toBe(201);
    const chart = (await call('GET', '/accounting/accounts?q=14', undefined, german)).body.data;
    expect(chart[0]).toMatchObject({ code: '1400', kind: 'receivable', reconcilable: true });
    const taxes = (await call('GET', '/accounting/taxes?scope=sale', undefined, german)).body.data;
    expect(taxes.map((tax: { ratePercent: string }) => tax.ratePercent)).toEqual(
      expect.arrayContaining(['19.0000', '7.0000']),
    );
  });
});

describe('tax categories', () => {
  it('map the catalogue’s tax categories to sale and purchase taxes, editable, with the scope checked', async () => {
    const categories = (await call('GET', '/accounting/tax-categories')).body.data;
    const taxes = (await call('GET', '/accounting/taxes')).body.data;
    const code = (id: string) => taxes.find((tax: { id: string }) => tax.id === id)?.code;
    const standard = categories.find((c: { category: string }) => c.category === 'standard');
    expect([code(standard.saleTaxId), code(standard.purchaseTaxId)]).toEqual(['VAT20', 'VAT20']);
    expect(categories.map((c: { category: string }) => c.category)).toEqual([
      'exempt',
      'intermediate',
      'reduced',
      'standard',
      'zero',
    ]);
    const purchase20 = standard.purchaseTaxId;
    const refused = await call('PUT', '/accounting/tax-categories/books', {
      saleTaxId: purchase20,
      purchaseTaxId: purchase20,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('accounting.tax_invalid');
    const reduced = categories.find((c: { category: string }) => c.category === 'reduced');
    expect(
      (
        await call('PUT', '/accounting/tax-categories/books', {
          saleTaxId: reduced.saleTaxId,
          purchaseTaxId: reduced.purchaseTaxId,
        })
      ).status,
    ).toBe(200);
  });
});

describe('posting journal entries', () => {
  it('posts a balanced entry with a gap-free number per journal and fiscal year', async () => {
    const first = await post([line('6100', 'debit', '1200.00'), line('1000', 'credit', '1200.00')]);
    expect(first.status).toBe(201);
    expect(first.body.number).toMatch(/^GEN\/2026\/\d{5}$/);
    expect(
      first.body.lines.map((l: { accountCode: string; debit: string }) => `${l.accountCode}:${l.debit}`),
    ).toEqual(['6100:1200.00', '1000:0.00']);
    const second = await post([line('6100', 'debit', '1.00'), line('1000', 'credit', '1.00')]);
    const next = Number(first.body.number.slice(-5)) + 1;
    expect(second.body.number).toBe(`GEN/2026/${String(next).padStart(5, '0')}`);
    const nextYear = await post(
      [line('6100', 'debit', '1.00'), line('1000', 'credit', '1.00')],
      '2027-01-04',
    );
    expect(nextYear.body.number).toBe('GEN/2027/00001');
  });

  it.each([
    [
      'an unbalanced entry',
      () => [line('6100', 'debit', '10.00'), line('1000', 'credit', '9.99')],
      422,
      'accounting.entry_unbalanced',
    ],
    ['a single line', () => [line('6100', 'debit', '10.00')], 422, 'accounting.entry_too_few_lines'],
    [
      'a line with both sides',
      () => [line('6100', 'debit', '1.00', { credit: '1.00' }), line('1000', 'credit', '0')],
      422,
      'accounting.entry_line_invalid',
    ],
    [
      'more decimals than the currency has',
      () => [line('6100', 'debit', '1.005'), line('1000', 'credit', '1.005')],
      422,
      'accounting.amount_invalid',
    ],
    [
      'an unknown account',
      () => [{ accountId: newId(), debit: '1.00' }, line('1000', 'credit', '1.00')],
      422,
      'accounting.entry_line_invalid',
    ],
    [
      'a receivable line without its customer',
      () => [line('1100', 'debit', '5.00'), line('4000', 'credit', '5.00')],
      422,
      'accounting.entry_line_invalid',
    ],
    [
      'a foreign currency without a rate',
      () => [
        { accountId: accounts['1000'], currencyCode: 'CHF', amountCurrency: '6.00' },
        line('4900', 'credit', '5.00'),
      ],
      422,
      'accounting.no_exchange_rate',
    ],
  ])('refuses %s with a clear 4xx, writing nothing', async (_what, lines, status, code) => {
    const before = await databaseFingerprint(t.database);
    const refused = await post(lines());
    expect(refused.status).toBe(status);
    expect(refused.body.code).toBe(code);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('refuses a date no fiscal year covers', async () => {
    const refused = await post([line('6100', 'debit', '1.00'), line('1000', 'credit', '1.00')], '2030-05-01');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('accounting.no_fiscal_year');
  });

  it('refuses a partner that does not exist', async () => {
    const refused = await post([
      line('1100', 'debit', '5.00', { partnerId: newId() }),
      line('4000', 'credit', '5.00'),
    ]);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('lines.0.partnerId');
  });

  it('converts a foreign-currency line at the rate of the entry date', async () => {
    expect(
      (
        await call('PUT', '/accounting/exchange-rates', {
          currencyCode: 'USD',
          date: '2026-03-01',
          rate: '0.92',
        })
      ).status,
    ).toBe(200);
    const posted = await post(
      [
        line('1100', 'debit', '0', {
          partnerId: customer,
          currencyCode: 'USD',
          amountCurrency: '100.00',
          debit: undefined,
        }),
        line('4000', 'credit', '92.00'),
      ],
      '2026-03-15',
    );
    expect(posted.status).toBe(201);
    expect(posted.body.lines[0]).toMatchObject({
      debit: '92.00',
      currencyCode: 'USD',
      amountCurrency: '100.00',
    });
  });

  it('locks a period: nothing is posted into it until it is unlocked', async () => {
    const years = (await call('GET', '/accounting/fiscal-years')).body.data;
    const april = years[0].periods[3];
    expect((await call('POST', `/accounting/periods/${april.id}/lock`)).status).toBe(200);
    const before = await databaseFingerprint(t.database);
    const refused = await post([line('6100', 'debit', '1.00'), line('1000', 'credit', '1.00')], '2026-04-15');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('accounting.period_locked');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    expect((await call('POST', `/accounting/periods/${april.id}/unlock`)).status).toBe(200);
    expect(
      (await post([line('6100', 'debit', '1.00'), line('1000', 'credit', '1.00')], '2026-04-15')).status,
    ).toBe(201);
  });

  it('refuses anything dated on or before the company lock date', async () => {
    const other = await createMember(t.database);
    await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' }, other);
    const settings = (await call('GET', '/accounting/settings', undefined, other)).body;
    expect(
      (
        await call(
          'PATCH',
          '/accounting/settings',
          { version: settings.version, lockDate: '2026-06-30' },
          other,
        )
      ).status,
    ).toBe(200);
    const chart = (await call('GET', '/accounting/accounts', undefined, other)).body.data;
    const id = (code: string) => chart.find((a: { code: string }) => a.code === code).id;
    const general = (await call('GET', '/accounting/journals', undefined, other)).body.data.find(
      (j: { code: string }) => j.code === 'GEN',
    );
    const attempt = (date: string) =>
      call(
        'POST',
        '/accounting/entries',
        {
          journalId: general.id,
          date,
          description: 'x',
          lines: [
            { accountId: id('6100'), debit: '1.00' },
            { accountId: id('1000'), credit: '1.00' },
          ],
        },
        other,
      );
    const refused = await attempt('2026-06-30');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('accounting.period_locked');
    expect((await attempt('2026-07-01')).status).toBe(201);
  });

  it('is refused to a cashier (no accounting permission), writing nothing', async () => {
    const cashier = await joinCompany(t.database, admin.companyId, 'cashier');
    const before = await databaseFingerprint(t.database);
    const refused = await post(
      [line('6100', 'debit', '1.00'), line('1000', 'credit', '1.00')],
      '2026-03-10',
      'GEN',
      'x',
      cashier,
    );
    expect(refused.status).toBe(403);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});

describe('corrections are reversals', () => {
  it('reverses an entry once, restoring every balance exactly', async () => {
    const before = await balances();
    const posted = await post([
      line('1100', 'debit', '240.00', { partnerId: customer }),
      line('4000', 'credit', '200.00'),
      line('2100', 'credit', '40.00'),
    ]);
    const reversal = await call('POST', `/accounting/entries/${posted.body.id}/reverse`, {
      reason: 'wrong customer',
    });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({
      reversesEntryId: posted.body.id,
      reversalReason: 'wrong customer',
    });
    expect(reversal.body.lines.map((l: { credit: string }) => l.credit)).toEqual(['240.00', '0.00', '0.00']);
    const after = await balances();
    expect(after.accounts.map((a: { code: string; closing: string }) => [a.code, a.closing])).toEqual(
      before.accounts
        .map((a: { code: string; closing: string }) => [a.code, a.closing])
        .concat(before.accounts.some((a: { code: string }) => a.code === '2100') ? [] : [['2100', '0.00']])
        .sort(),
    );
    const twice = await call('POST', `/accounting/entries/${posted.body.id}/reverse`, { reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('accounting.entry_already_reversed');
    const ofReversal = await call('POST', `/accounting/entries/${reversal.body.id}/reverse`, {
      reason: 'undo',
    });
    expect(ofReversal.body.code).toBe('accounting.entry_is_reversal');
  });

  it('the database itself refuses to edit or delete a posted entry or add lines to it later', async () => {
    const posted = await post([line('6100', 'debit', '3.00'), line('1000', 'credit', '3.00')]);
    const attempt = (statement: ReturnType<typeof sql>) =>
      withTx(t.database, { companyId: admin.companyId, actor: { type: 'system', id: null } }, (tx) =>
        tx.db.execute(statement),
      );
    await expect(
      attempt(sql`update accounting_entries set description = 'edited' where id = ${posted.body.id}`),
    ).rejects.toThrow();
    await expect(
      attempt(
        sql`update accounting_entries set number = 'GEN/2026/99999', sequence_number = 99999 where id = ${posted.body.id}`,
      ),
    ).rejects.toThrow();
    await expect(
      attempt(sql`update accounting_entry_lines set debit_minor = 400 where entry_id = ${posted.body.id}`),
    ).rejects.toThrow();
    await expect(
      attempt(sql`delete from accounting_entry_lines where entry_id = ${posted.body.id}`),
    ).rejects.toThrow();
    await expect(
      attempt(sql`insert into accounting_entry_lines (company_id, id, entry_id, line_no, journal_id, date, account_id, debit_minor, credit_minor, currency_code, amount_currency_minor)
                  values (${admin.companyId}, ${newId()}, ${posted.body.id}, 9, ${journals.GEN}, '2026-03-10', ${accounts['6100']}, 100, 0, 'EUR', 100)`),
    ).rejects.toThrow();
    const unchanged = await call('GET', `/accounting/entries/${posted.body.id}`);
    expect(unchanged.body).toMatchObject({ description: 'Test entry', totalMinor: 300 });
  });

  it('the database refuses at commit an entry that code let through unbalanced', async () => {
    const years = (await call('GET', '/accounting/fiscal-years')).body.data;
    const march = years[0].periods[2];
    const id = newId();
    const attempt = withTx(
      t.database,
      { companyId: admin.companyId, actor: { type: 'system', id: null } },
      async (tx) => {
        await tx.db.execute(sql`insert into accounting_entries (company_id, id, journal_id, fiscal_year_id, period_id, number, sequence_number, date, description, source_type)
        values (${admin.companyId}, ${id}, ${journals.GEN}, ${years[0].id}, ${march.id}, 'GEN/2026/90000', 90000, '2026-03-03', 'sneaky', 'manual')`);
        for (const [lineNo, debit, credit] of [
          [1, 500, 0],
          [2, 0, 499],
        ]) {
          await tx.db.execute(sql`insert into accounting_entry_lines (company_id, id, entry_id, line_no, journal_id, date, account_id, debit_minor, credit_minor, currency_code, amount_currency_minor)
          values (${admin.companyId}, ${newId()}, ${id}, ${lineNo}, ${journals.GEN}, '2026-03-03', ${accounts['6100']}, ${debit}, ${credit}, 'EUR', ${debit! - credit!})`);
        }
      },
    );
    const failure = await attempt.then(
      () => null,
      (error: unknown) => error,
    );
    expect(pgErrorOf(failure)?.message).toMatch(/does not balance/);
    expect((await call('GET', `/accounting/entries/${id}`)).status).toBe(404);
  });
});

describe('reports', () => {
  it('the trial balance sums to zero and the general ledger runs its balance page by page', async () => {
    for (const amount of ['10.00', '20.00', '30.00']) {
      await post([line('6200', 'debit', amount), line('1010', 'credit', amount)], '2026-05-02');
    }
    const trial = await balances();
    expect(trial.totals.closingMinor).toBe(0);
    expect(trial.totals.debitMinor).toBe(trial.totals.creditMinor);
    const utilities = trial.accounts.find((a: { code: string }) => a.code === '6200');
    expect(utilities).toMatchObject({ debit: '60.00', closing: '60.00' });
    const first = (
      await call(
        'GET',
        `/accounting/reports/general-ledger?accountId=${accounts['1010']}&from=2026-05-01&to=2026-05-31&limit=2`,
      )
    ).body;
    expect(first.lines.map((l: { balance: string }) => l.balance)).toEqual(['-10.00', '-30.00']);
    const second = (
      await call(
        'GET',
        `/accounting/reports/general-ledger?accountId=${accounts['1010']}&from=2026-05-01&to=2026-05-31&limit=2&cursor=${first.page.nextCursor}`,
      )
    ).body;
    expect(second).toMatchObject({ opening: '-30.00', page: { nextCursor: null } });
    expect(second.lines.map((l: { balance: string }) => l.balance)).toEqual(['-60.00']);
  });

  it('tandem check finds the books sound', async () => {
    const results = await runChecks(t.database, modules);
    const accounting = results.filter((r) => /entry|trial balance|entr/.test(r.name));
    expect(accounting.length).toBeGreaterThanOrEqual(4);
    expect(accounting.flatMap((r) => r.violations)).toEqual([]);
  });
});

describe('ledger properties', () => {
  it('any sequence of postings and reversals keeps the trial balance at zero and numbers gap-free', async () => {
    const codes = ['1000', '1010', '4000', '6100', '6200', '2100'];
    const posting = fc.record({
      lines: fc.array(
        fc.record({ code: fc.constantFrom(...codes), cents: fc.integer({ min: 1, max: 5_000_00 }) }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      against: fc.constantFrom(...codes),
      reverse: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(posting, { minLength: 1, maxLength: 6 }), async (postings) => {
        for (const p of postings) {
          const total = p.lines.reduce((sum, l) => sum + l.cents, 0);
          const lines = [
            ...p.lines.map((l) => line(l.code, 'debit', (l.cents / 100).toFixed(2))),
            line(p.against, 'credit', (total / 100).toFixed(2)),
          ];
          const posted = await post(lines, '2026-08-20');
          expect(posted.status).toBe(201);
          if (p.reverse) {
            expect(
              (await call('POST', `/accounting/entries/${posted.body.id}/reverse`, { reason: 'property' }))
                .status,
            ).toBe(201);
          }
        }
        const trial = await balances();
        expect(trial.totals.closingMinor).toBe(0);
        expect(trial.totals.debitMinor).toBe(trial.totals.creditMinor);
      }),
      { numRuns: 8 },
    );
    const results = await runChecks(t.database, modules);
    expect(results.filter((r) => r.name.includes('entr')).flatMap((r) => r.violations)).toEqual([]);
  });
});

describe('under concurrency', () => {
  it.skipIf(!onPostgres)('16 clients posting into one journal get unique, gap-free numbers', async () => {
    const company = await createMember(t.database);
    await call('POST', '/accounting/setup', { template: 'generic', fiscalYearStart: '2026-01-01' }, company);
    const chart = (await call('GET', '/accounting/accounts', undefined, company)).body.data;
    const id = (code: string) => chart.find((a: { code: string }) => a.code === code).id;
    const sales = (await call('GET', '/accounting/journals', undefined, company)).body.data.find(
      (j: { code: string }) => j.code === 'GEN',
    );
    const attempt = (i: number, balanced: boolean) =>
      call(
        'POST',
        '/accounting/entries',
        {
          journalId: sales.id,
          date: '2026-09-01',
          description: `concurrent ${i}`,
          lines: [
            { accountId: id('6100'), debit: '10.00' },
            { accountId: id('1000'), credit: balanced ? '10.00' : '9.00' },
          ],
        },
        company,
      );
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => attempt(i, i % 3 !== 2)));
    const posted = results.filter((r) => r.status === 201);
    expect(posted).toHaveLength(16);
    expect(results.filter((r) => r.status === 422)).toHaveLength(8);
    const numbers = posted.map((r) => Number(r.body.number.slice(-5))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const results2 = await runChecks(t.database, modules);
    expect(results2.filter((r) => r.name.includes('entr')).flatMap((r) => r.violations)).toEqual([]);
  });
});
