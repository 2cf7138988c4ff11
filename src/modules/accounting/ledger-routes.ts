import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuery, pageSchema } from '../../platform/http/pagination.ts';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { ACCOUNT_PURPOSES } from './chart/template.ts';
import {
  Account,
  AccountingSettings,
  AccountMapping,
  CreateAccountInput,
  CreateFiscalYearInput,
  CreateJournalInput,
  CreateTaxInput,
  ExchangeRate,
  FiscalYear,
  Journal,
  JournalEntry,
  PostEntryRequest,
  ReverseEntryRequest,
  SetExchangeRateInput,
  SetupInput,
  Tax,
  UpdateAccountInput,
  UpdateSettingsInput,
  UpdateTaxInput,
} from './contracts.ts';
import {
  createAccount,
  getAccount,
  listAccounts,
  listMappings,
  setMapping,
  updateAccount,
} from './ledger/accounts.ts';
import { closeFiscalYear } from './ledger/close-year.ts';
import { getEntry, listEntries, postManualEntry, reverseEntry } from './ledger/entries.ts';
import { listExchangeRates, setExchangeRate } from './ledger/exchange-rates.ts';
import { createFiscalYear, listFiscalYears, setPeriodLocked } from './ledger/fiscal-years.ts';
import { createJournal, listJournals } from './ledger/journals.ts';
import { importOpeningBalances } from './ledger/opening-balances.ts';
import { revalueOpenItems } from './ledger/revaluation.ts';
import { getSettings, updateSettings } from './ledger/settings.ts';
import { setupAccounting } from './setup.ts';
import { createTax, listTaxCategories, listTaxes, setTaxCategory, updateTax } from './taxes/taxes.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const TaxCategory = z
  .object({ category: z.string(), saleTaxId: z.uuid().nullable(), purchaseTaxId: z.uuid().nullable() })
  .meta({ id: 'TaxCategory' });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['accounting'];
const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;

export const EntryListQuery = listQuery(['date', 'postedAt'], '-date', {
  journalId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  accountId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  sourceType: z.string().max(50).optional(),
  sourceId: z.string().max(100).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

// Setup, settings, accounts and their purposes, journals, fiscal years, rates and taxes.
const setupRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/accounting/setup',
    {
      config: { permission: 'accounting.settings.write' },
      schema: {
        tags,
        summary: 'Set accounting up from a chart template (accounts, journals, taxes, fiscal years)',
        body: SetupInput,
        response: { 201: AccountingSettings, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => setupAccounting(tx, request.body)),
  );
  r.get(
    '/accounting/settings',
    {
      config: { permission: 'accounting.account.read' },
      schema: {
        tags,
        summary: 'Accounting settings',
        response: { 200: AccountingSettings, ...problems, 409: ProblemSchema },
      },
    },
    (request) => read(database, request, (db) => getSettings(db, company(request))),
  );
  r.patch(
    '/accounting/settings',
    {
      config: { permission: 'accounting.settings.write' },
      schema: {
        tags,
        summary: 'Change the tax rounding or the lock date',
        body: UpdateSettingsInput,
        response: { 200: AccountingSettings, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 200, (tx) => updateSettings(tx, request.body)),
  );
  r.get(
    '/accounting/accounts',
    {
      config: { permission: 'accounting.account.read' },
      schema: {
        tags,
        summary: 'The chart of accounts',
        querystring: z
          .object({
            q: z.string().trim().min(1).max(100).optional(),
            type: z.string().max(20).optional(),
            kind: z.string().max(30).optional(),
            archived: z.stringbool().optional(),
          })
          .strict(),
        response: { 200: list(Account), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await listAccounts(db, company(request), request.query),
      })),
  );
  r.get(
    '/accounting/accounts/:id',
    {
      config: { permission: 'accounting.account.read' },
      schema: { tags, summary: 'An account', params: IdParams, response: { 200: Account, ...problems } },
    },
    (request) => read(database, request, (db) => getAccount(db, company(request), request.params.id)),
  );
  r.post(
    '/accounting/accounts',
    {
      config: { permission: 'accounting.account.write' },
      schema: {
        tags,
        summary: 'Add an account',
        body: CreateAccountInput,
        response: { 201: Account, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createAccount(tx, request.body)),
  );
  r.patch(
    '/accounting/accounts/:id',
    {
      config: { permission: 'accounting.account.write' },
      schema: {
        tags,
        summary: 'Rename, archive or mark an account reconcilable',
        params: IdParams,
        body: UpdateAccountInput,
        response: { 200: Account, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => updateAccount(tx, request.params.id, request.body)),
  );
  r.get(
    '/accounting/account-mappings',
    {
      config: { permission: 'accounting.account.read' },
      schema: {
        tags,
        summary: 'Which account each posting purpose uses',
        response: { 200: list(AccountMapping), ...problems },
      },
    },
    (request) => read(database, request, async (db) => ({ data: await listMappings(db, company(request)) })),
  );
  r.put(
    '/accounting/account-mappings/:purpose',
    {
      config: { permission: 'accounting.account.write' },
      schema: {
        tags,
        summary: 'Map a posting purpose to an account',
        params: z.object({ purpose: z.enum(ACCOUNT_PURPOSES) }).strict(),
        body: z.object({ accountId: z.uuid() }).strict(),
        response: { 200: AccountMapping, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) =>
        setMapping(tx, request.params.purpose, request.body.accountId),
      ),
  );
  r.get(
    '/accounting/journals',
    {
      config: { permission: 'accounting.account.read' },
      schema: { tags, summary: 'Journals', response: { 200: list(Journal), ...problems } },
    },
    (request) => read(database, request, async (db) => ({ data: await listJournals(db, company(request)) })),
  );
  r.post(
    '/accounting/journals',
    {
      config: { permission: 'accounting.journal.write' },
      schema: {
        tags,
        summary: 'Add a journal',
        body: CreateJournalInput,
        response: { 201: Journal, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createJournal(tx, request.body)),
  );
  r.get(
    '/accounting/fiscal-years',
    {
      config: { permission: 'accounting.account.read' },
      schema: {
        tags,
        summary: 'Fiscal years and their periods',
        response: { 200: list(FiscalYear), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({ data: await listFiscalYears(db, company(request)) })),
  );
  r.post(
    '/accounting/fiscal-years',
    {
      config: { permission: 'accounting.period.write' },
      schema: {
        tags,
        summary: 'Open a fiscal year (monthly periods)',
        body: CreateFiscalYearInput,
        response: { 201: FiscalYear, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createFiscalYear(tx, request.body)),
  );
  r.post(
    '/accounting/fiscal-years/:id/close',
    {
      config: { permission: 'accounting.period.close' },
      schema: {
        tags,
        summary: 'Close a fiscal year: profit and loss to retained earnings, no more postings',
        params: IdParams,
        response: { 200: FiscalYear, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 200, (tx) => closeFiscalYear(tx, request.params.id)),
  );
  r.post(
    '/accounting/opening-balances',
    {
      config: { permission: 'accounting.entry.post' },
      schema: {
        tags,
        summary:
          'Import opening balances from CSV (account,debit,credit,partner,description); dryRun reports every bad row',
        body: z
          .object({
            date: z.iso.date(),
            csv: z.string().min(1).max(2_000_000),
            dryRun: z.boolean().default(false),
          })
          .strict(),
        response: {
          200: z.object({
            dryRun: z.boolean(),
            lines: z.number().int(),
            debit: z.string(),
            credit: z.string(),
            problems: z.array(z.object({ path: z.string(), message: z.string() })),
            entryId: z.uuid().nullable(),
          }),
          ...writeProblems,
        },
      },
    },
    (request, reply) => write(database, request, reply, 200, (tx) => importOpeningBalances(tx, request.body)),
  );
  r.post(
    '/accounting/revaluations',
    {
      config: { permission: 'accounting.entry.post' },
      schema: {
        tags,
        summary: 'Revalue open foreign-currency receivables and payables at a date (reversed the next day)',
        body: z.object({ date: z.iso.date() }).strict(),
        response: {
          201: z.object({
            date: z.string(),
            entryId: z.uuid().nullable(),
            reversalId: z.uuid().nullable(),
            adjustedItems: z.number().int(),
            gain: z.string(),
            loss: z.string(),
          }),
          ...writeProblems,
        },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => revalueOpenItems(tx, request.body.date)),
  );
  for (const [action, locked] of [
    ['lock', true],
    ['unlock', false],
  ] as const) {
    r.post(
      `/accounting/periods/:id/${action}`,
      {
        config: { permission: 'accounting.period.lock' },
        schema: {
          tags,
          summary: locked ? 'Lock a period: nothing more is posted into it' : 'Unlock a period',
          params: IdParams,
          response: { 200: FiscalYear, ...writeProblems },
        },
      },
      (request, reply) =>
        write(database, request, reply, 200, (tx) => setPeriodLocked(tx, request.params.id, locked)),
    );
  }
  r.get(
    '/accounting/exchange-rates',
    {
      config: { permission: 'accounting.account.read' },
      schema: {
        tags,
        summary: 'Exchange rates (newest first, at most 1000)',
        querystring: z
          .object({
            currencyCode: z
              .string()
              .regex(/^[A-Z]{3}$/)
              .optional(),
          })
          .strict(),
        response: { 200: list(ExchangeRate), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await listExchangeRates(db, company(request), request.query.currencyCode),
      })),
  );
  r.put(
    '/accounting/exchange-rates',
    {
      config: { permission: 'accounting.rate.write' },
      schema: {
        tags,
        summary: 'Record the rate of a currency on a date',
        body: SetExchangeRateInput,
        response: { 200: ExchangeRate, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 200, (tx) => setExchangeRate(tx, request.body)),
  );
  r.get(
    '/accounting/taxes',
    {
      config: { permission: 'accounting.account.read' },
      schema: {
        tags,
        summary: 'Taxes',
        querystring: z
          .object({ scope: z.enum(['sale', 'purchase']).optional(), archived: z.stringbool().optional() })
          .strict(),
        response: { 200: list(Tax), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({ data: await listTaxes(db, company(request), request.query) })),
  );
  r.post(
    '/accounting/taxes',
    {
      config: { permission: 'accounting.tax.write' },
      schema: {
        tags,
        summary: 'Add a tax or tax group',
        body: CreateTaxInput,
        response: { 201: Tax, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createTax(tx, request.body)),
  );
  r.get(
    '/accounting/tax-categories',
    {
      config: { permission: 'accounting.account.read' },
      schema: {
        tags,
        summary: 'Product tax categories and the taxes they carry when sold and bought',
        response: { 200: list(TaxCategory), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({ data: await listTaxCategories(db, company(request)) })),
  );
  r.put(
    '/accounting/tax-categories/:category',
    {
      config: { permission: 'accounting.tax.write' },
      schema: {
        tags,
        summary: 'Map a product tax category to its sale and purchase taxes',
        params: z.object({ category: z.string().regex(/^[a-z][a-z0-9_-]{0,49}$/) }).strict(),
        body: z.object({ saleTaxId: z.uuid().nullable(), purchaseTaxId: z.uuid().nullable() }).strict(),
        response: { 200: TaxCategory, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) =>
        setTaxCategory(tx, { category: request.params.category, ...request.body }),
      ),
  );
  r.patch(
    '/accounting/taxes/:id',
    {
      config: { permission: 'accounting.tax.write' },
      schema: {
        tags,
        summary: 'Rename or archive a tax',
        params: IdParams,
        body: UpdateTaxInput,
        response: { 200: Tax, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => updateTax(tx, request.params.id, request.body)),
  );
};

const entryRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/accounting/entries',
    {
      config: { permission: 'accounting.entry.read' },
      schema: {
        tags,
        summary: 'Journal entries',
        querystring: EntryListQuery,
        response: { 200: pageSchema(JournalEntry), ...problems },
      },
    },
    (request) => read(database, request, (db) => listEntries(db, company(request), request.query)),
  );
  r.get(
    '/accounting/entries/:id',
    {
      config: { permission: 'accounting.entry.read' },
      schema: {
        tags,
        summary: 'A journal entry with its lines',
        params: IdParams,
        response: { 200: JournalEntry, ...problems },
      },
    },
    (request) => read(database, request, (db) => getEntry(db, company(request), request.params.id)),
  );
  r.post(
    '/accounting/entries',
    {
      config: { permission: 'accounting.entry.post' },
      schema: {
        tags,
        summary: 'Post a journal entry (balanced, immutable once posted)',
        body: PostEntryRequest,
        response: { 201: JournalEntry, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => postManualEntry(tx, request.body)),
  );
  r.post(
    '/accounting/entries/:id/reverse',
    {
      config: { permission: 'accounting.entry.reverse' },
      schema: {
        tags,
        summary: 'Reverse an entry: post its mirror image with a reason',
        params: IdParams,
        body: ReverseEntryRequest,
        response: { 201: JournalEntry, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, (tx) => reverseEntry(tx, request.params.id, request.body)),
  );
};

export const ledgerRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, options) => {
  await app.register(setupRoutes, options);
  await app.register(entryRoutes, options);
};
