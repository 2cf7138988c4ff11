import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { partyNames } from '../crm/index.ts';
import { agedBalance } from './reports/aged-balance.ts';
import {
  agedBalanceSheet,
  balanceSheetSheet,
  profitAndLossSheet,
  sendReport,
  taxReportSheet,
  trialBalanceSheet,
} from './reports/export.ts';
import { generalLedger } from './reports/general-ledger.ts';
import {
  AgedBalanceSchema,
  BalanceSheetSchema,
  GeneralLedgerSchema,
  ProfitAndLossSchema,
  TaxReportSchema,
  TrialBalanceSchema,
} from './reports/schemas.ts';
import { balanceSheet, profitAndLoss, taxReport } from './reports/statements.ts';
import { trialBalance } from './reports/trial-balance.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const tags = ['accounting reports'];
const format = z.enum(['json', 'csv', 'xlsx']).default('json').describe('json, or a csv or xlsx download');
const Range = { from: z.iso.date(), to: z.iso.date(), format };
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;
const config = { permission: 'accounting.report.read' };

export const reportRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/accounting/reports/trial-balance',
    {
      config,
      schema: {
        tags,
        summary: 'Trial balance: opening, debits, credits and closing balance per account',
        querystring: z.object(Range).strict(),
        response: { 200: TrialBalanceSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { from, to, format: as } = request.query;
      const report = await read(database, request, (db) => trialBalance(db, company(request), from, to));
      return sendReport(reply, as, `trial-balance-${from}-${to}`, report, () => trialBalanceSheet(report));
    },
  );
  r.get(
    '/accounting/reports/profit-and-loss',
    {
      config,
      schema: {
        tags,
        summary: 'Profit and loss: revenue, cost of sales, gross profit, expenses, net profit',
        querystring: z.object(Range).strict(),
        response: { 200: ProfitAndLossSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { from, to, format: as } = request.query;
      const report = await read(database, request, (db) => profitAndLoss(db, company(request), from, to));
      return sendReport(reply, as, `profit-and-loss-${from}-${to}`, report, () => profitAndLossSheet(report));
    },
  );
  r.get(
    '/accounting/reports/balance-sheet',
    {
      config,
      schema: {
        tags,
        summary: 'Balance sheet on a date: assets, liabilities, equity (with profit not yet closed)',
        querystring: z.object({ asOf: z.iso.date(), format }).strict(),
        response: { 200: BalanceSheetSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { asOf, format: as } = request.query;
      const report = await read(database, request, (db) => balanceSheet(db, company(request), asOf));
      return sendReport(reply, as, `balance-sheet-${asOf}`, report, () => balanceSheetSheet(report));
    },
  );
  r.get(
    '/accounting/reports/tax',
    {
      config,
      schema: {
        tags,
        summary: 'Tax report: base and tax per tax, output less input tax',
        querystring: z.object(Range).strict(),
        response: { 200: TaxReportSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { from, to, format: as } = request.query;
      const report = await read(database, request, (db) => taxReport(db, company(request), from, to));
      return sendReport(reply, as, `tax-report-${from}-${to}`, report, () => taxReportSheet(report));
    },
  );
  r.get(
    '/accounting/reports/aged-balance',
    {
      config,
      schema: {
        tags,
        summary:
          'Aged receivables or payables per partner on a date: not due, 1–30, 31–60, 61–90, over 90 days',
        querystring: z
          .object({ kind: z.enum(['receivable', 'payable']), asOf: z.iso.date(), format })
          .strict(),
        response: { 200: AgedBalanceSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { kind, asOf, format: as } = request.query;
      const [report, names] = await read(database, request, async (db) => {
        const aged = await agedBalance(db, company(request), kind, asOf);
        return [
          aged,
          await partyNames(
            db,
            company(request),
            aged.partners.map((p) => p.partnerId),
          ),
        ] as const;
      });
      return sendReport(reply, as, `aged-${kind}-${asOf}`, report, () => agedBalanceSheet(report, names));
    },
  );
  r.get(
    '/accounting/reports/general-ledger',
    {
      config,
      schema: {
        tags,
        summary: 'General ledger of an account: its lines with the running balance',
        querystring: z
          .object({
            accountId: z.uuid(),
            from: z.iso.date(),
            to: z.iso.date(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
            cursor: z.string().max(512).optional(),
          })
          .strict(),
        response: { 200: GeneralLedgerSchema, ...problems },
      },
    },
    (request) => read(database, request, (db) => generalLedger(db, company(request), request.query)),
  );
};
