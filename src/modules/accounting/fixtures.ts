import { sql } from 'drizzle-orm';
import type { FixtureFactory } from '../../platform/module.ts';
import { createParty } from '../crm/index.ts';
import { importStatement } from './bank/import-statement.ts';
import { createInvoice } from './invoices/drafts.ts';
import { postInvoice } from './invoices/post-invoice.ts';
import { accountByCode } from './ledger/accounts.ts';
import { postManualEntry } from './ledger/entries.ts';
import { listFiscalYears } from './ledger/fiscal-years.ts';
import { journalOfType } from './ledger/journals.ts';
import { openItems } from './matching/allocations.ts';
import { registerPayment } from './payments/register-payment.ts';
import { setupAccounting } from './setup.ts';
import { listTaxes } from './taxes/taxes.ts';

// Accounting set up in the fixture company with one posted entry, and each route aimed at its
// records.
export const accountingFixtures: FixtureFactory = async (tx) => {
  const { companyId } = tx.ctx;
  await setupAccounting(tx, { template: 'generic', fiscalYearStart: '2026-01-01', taxRounding: 'per_line' });
  const bank = (await accountByCode(tx.db, companyId, '1000'))!;
  const rent = (await accountByCode(tx.db, companyId, '6100'))!;
  const journal = await journalOfType(tx.db, companyId, 'general');
  const entry = await postManualEntry(tx, {
    journalId: journal.id,
    date: '2026-03-01',
    description: 'Fixture rent',
    lines: [
      { accountId: rent.id, debit: '100.00' },
      { accountId: bank.id, credit: '100.00' },
    ],
  });
  const [year] = await listFiscalYears(tx.db, companyId);
  const period = year!.periods[5]!;
  const [tax] = await listTaxes(tx.db, companyId, { scope: 'sale' });
  const customer = await createParty(tx, {
    kind: 'organisation',
    name: 'Fixture Customer',
    isCustomer: true,
    isSupplier: false,
  });
  const sales = await journalOfType(tx.db, companyId, 'sale');
  const bankJournal = await journalOfType(tx.db, companyId, 'bank');
  const draftBody = {
    kind: 'customer_invoice' as const,
    partnerId: customer.id,
    invoiceDate: '2026-03-03',
    lines: [{ description: 'Fixture goods', quantity: '2', unitPrice: '10.00', taxIds: [tax!.id] }],
  };
  const posted = await postInvoice(tx, (await createInvoice(tx, draftBody)).id);
  const draft = await createInvoice(tx, { ...draftBody, journalId: sales.id });
  const payment = await registerPayment(tx, {
    direction: 'inbound',
    partnerId: customer.id,
    journalId: bankJournal.id,
    date: '2026-03-04',
    amount: '30.00',
    allocations: [{ invoiceId: posted.id, amount: '5.00' }],
  });
  const [credit] = (await openItems(tx.db, companyId, { partnerId: customer.id })).filter(
    (item) => item.side === 'credit',
  );
  const [debit] = (await openItems(tx.db, companyId, { partnerId: customer.id })).filter(
    (item) => item.side === 'debit',
  );
  const [allocation] = await tx.db
    .execute(sql`select id from accounting_allocations where company_id = ${companyId} limit 1`)
    .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
  const camt = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>FX</MsgId><CreDtTm>2026-03-06T10:00:00</CreDtTm></GrpHdr><Stmt><Id>FX</Id><CreDtTm>2026-03-06T10:00:00</CreDtTm><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">7.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-06</Dt></BookgDt><AcctSvcrRef>FX-1</AcctSvcrRef></Ntry></Stmt></BkToCstmrStmt></Document>`;
  await importStatement(tx, {
    journalId: bankJournal.id,
    content: Buffer.from(camt).toString('base64'),
    format: 'auto',
    autoReconcile: false,
  });
  const [bankLine] = await tx.db
    .execute(sql`select id from accounting_bank_statement_lines where company_id = ${companyId} limit 1`)
    .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
  const entryBody = {
    journalId: journal.id,
    date: '2026-03-02',
    description: 'Intruder',
    lines: [
      { accountId: rent.id, debit: '1.00' },
      { accountId: bank.id, credit: '1.00' },
    ],
  };
  return {
    ids: [
      bank.id,
      rent.id,
      journal.id,
      entry.id,
      year!.id,
      period.id,
      tax!.id,
      customer.id,
      posted.id,
      draft.id,
      payment.id,
      allocation!.id,
    ],
    routes: {
      'POST /api/v1/accounting/setup': { namesNoRecord: 'sets up the caller’s own company' },
      'GET /api/v1/accounting/settings': {},
      'PATCH /api/v1/accounting/settings': { namesNoRecord: 'changes the caller’s own company settings' },
      'GET /api/v1/accounting/accounts': { query: { q: '1000' } },
      'GET /api/v1/accounting/accounts/:id': { params: { id: bank.id } },
      'POST /api/v1/accounting/accounts': {
        namesNoRecord: 'creates an account that refers to no other record',
      },
      'PATCH /api/v1/accounting/accounts/:id': {
        params: { id: bank.id },
        body: { version: 1, name: 'Hijacked' },
      },
      'GET /api/v1/accounting/account-mappings': {},
      'PUT /api/v1/accounting/account-mappings/:purpose': {
        params: { purpose: 'receivable' },
        body: { accountId: bank.id },
      },
      'GET /api/v1/accounting/journals': {},
      'POST /api/v1/accounting/journals': {
        body: { code: 'XB', name: 'Intruder bank', type: 'bank', defaultAccountId: bank.id },
      },
      'GET /api/v1/accounting/fiscal-years': {},
      'POST /api/v1/accounting/fiscal-years': {
        namesNoRecord: 'opens a fiscal year in the caller’s own company',
      },
      'POST /api/v1/accounting/periods/:id/lock': { params: { id: period.id } },
      'POST /api/v1/accounting/periods/:id/unlock': { params: { id: period.id } },
      'GET /api/v1/accounting/exchange-rates': {},
      'PUT /api/v1/accounting/exchange-rates': {
        namesNoRecord: 'records a rate in the caller’s own company',
      },
      'GET /api/v1/accounting/taxes': {},
      'GET /api/v1/accounting/tax-categories': {},
      'PUT /api/v1/accounting/tax-categories/:category': {
        params: { category: 'standard' },
        body: { saleTaxId: tax!.id, purchaseTaxId: null },
      },
      'POST /api/v1/accounting/taxes': {
        body: {
          code: 'X1',
          name: 'Intruder',
          scope: 'sale',
          kind: 'percent',
          ratePercent: '1',
          vatCategory: 'S',
          accountId: bank.id,
        },
      },
      'PATCH /api/v1/accounting/taxes/:id': {
        params: { id: tax!.id },
        body: { version: 1, name: 'Hijacked' },
      },
      'GET /api/v1/accounting/entries': { query: { journalId: journal.id } },
      'GET /api/v1/accounting/entries/:id': { params: { id: entry.id } },
      'POST /api/v1/accounting/entries': { body: entryBody },
      'POST /api/v1/accounting/entries/:id/reverse': {
        params: { id: entry.id },
        body: { reason: 'intrusion' },
      },
      'GET /api/v1/accounting/reports/trial-balance': { query: { from: '2026-01-01', to: '2026-12-31' } },
      'GET /api/v1/accounting/reports/general-ledger': {
        query: { accountId: bank.id, from: '2026-01-01', to: '2026-12-31' },
      },
      'GET /api/v1/accounting/reports/aged-balance': { query: { kind: 'receivable', asOf: '2026-12-31' } },
      'GET /api/v1/accounting/reports/profit-and-loss': { query: { from: '2026-01-01', to: '2026-12-31' } },
      'GET /api/v1/accounting/reports/balance-sheet': { query: { asOf: '2026-12-31' } },
      'GET /api/v1/accounting/reports/tax': { query: { from: '2026-01-01', to: '2026-12-31' } },
      'POST /api/v1/accounting/fiscal-years/:id/close': { params: { id: year!.id } },
      'POST /api/v1/accounting/opening-balances': {
        namesNoRecord: 'accounts are named by code in the caller’s own chart',
      },
      'POST /api/v1/accounting/revaluations': { namesNoRecord: 'revalues the caller’s own open items' },
      'POST /api/v1/accounting/dunning/run': { namesNoRecord: 'reminds the caller’s own customers' },
      'GET /api/v1/accounting/invoices': { query: { partnerId: customer.id } },
      'GET /api/v1/accounting/invoices/:id': { params: { id: posted.id } },
      'GET /api/v1/accounting/invoices/:id/pdf': { params: { id: posted.id } },
      'GET /api/v1/accounting/invoices/:id/ubl': { params: { id: posted.id } },
      'POST /api/v1/accounting/invoices/import-ubl': {
        namesNoRecord: 'imports into the caller’s company, matching suppliers among its own parties only',
      },
      'POST /api/v1/accounting/invoices': { body: draftBody },
      'PATCH /api/v1/accounting/invoices/:id': {
        params: { id: draft.id },
        body: { version: draft.version, note: 'hijack' },
      },
      'DELETE /api/v1/accounting/invoices/:id': { params: { id: draft.id } },
      'POST /api/v1/accounting/invoices/:id/post': { params: { id: draft.id } },
      'POST /api/v1/accounting/invoices/:id/cancel': {
        params: { id: posted.id },
        body: { reason: 'hijack' },
      },
      'GET /api/v1/accounting/payments': { query: { partnerId: customer.id } },
      'GET /api/v1/accounting/payments/:id': { params: { id: payment.id } },
      'POST /api/v1/accounting/payments': {
        body: {
          direction: 'inbound',
          partnerId: customer.id,
          journalId: bankJournal.id,
          date: '2026-03-05',
          amount: '1.00',
        },
      },
      'GET /api/v1/accounting/open-items': { query: { partnerId: customer.id } },
      'POST /api/v1/accounting/allocations': {
        body: { debitLineId: debit!.lineId, creditLineId: credit!.lineId },
      },
      'POST /api/v1/accounting/allocations/:id/release': { params: { id: allocation!.id } },
      'POST /api/v1/accounting/bank-statements/import': {
        body: { journalId: bankJournal.id, content: Buffer.from(camt).toString('base64') },
      },
      'GET /api/v1/accounting/bank-statement-lines': { query: { journalId: bankJournal.id } },
      'GET /api/v1/accounting/bank-statement-lines/:id/suggestions': { params: { id: bankLine!.id } },
      'POST /api/v1/accounting/bank-statement-lines/:id/reconcile': {
        params: { id: bankLine!.id },
        body: { partnerId: customer.id },
      },
      'POST /api/v1/accounting/bank-statement-lines/:id/ignore': { params: { id: bankLine!.id } },
      'GET /api/v1/accounting/reconciliation-rules': {},
      'POST /api/v1/accounting/reconciliation-rules': {
        body: { name: 'Intruder', textContains: 'fee', accountId: bank.id },
      },
      'GET /api/v1/accounting/bank-csv-mappings': {},
      'POST /api/v1/accounting/bank-csv-mappings': {
        namesNoRecord: 'saves a layout in the caller’s own company',
      },
    },
  };
};
