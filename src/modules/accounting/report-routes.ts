import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { AGE_BUCKETS, agedBalance } from './reports/aged-balance.ts';
import { generalLedger } from './reports/general-ledger.ts';
import { trialBalance } from './reports/trial-balance.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const tags = ['accounting reports'];
const amounts = { opening: z.string(), debit: z.string(), credit: z.string(), closing: z.string() };
const minors = {
  openingMinor: z.number().int(),
  debitMinor: z.number().int(),
  creditMinor: z.number().int(),
  closingMinor: z.number().int(),
};
const Range = { from: z.iso.date(), to: z.iso.date() };

const TrialBalanceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currencyCode: z.string(),
    accounts: z.array(
      z.object({
        accountId: z.uuid(),
        code: z.string(),
        name: z.string(),
        type: z.string(),
        ...amounts,
        ...minors,
      }),
    ),
    totals: z.object(minors),
  })
  .meta({ id: 'TrialBalance' });

const GeneralLedgerSchema = z
  .object({
    account: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    currencyCode: z.string(),
    opening: z.string(),
    openingMinor: z.number().int(),
    lines: z.array(
      z.object({
        lineId: z.uuid(),
        entryId: z.uuid(),
        entryNumber: z.string().nullable(),
        date: z.string(),
        description: z.string(),
        partnerId: z.uuid().nullable(),
        debit: z.string(),
        credit: z.string(),
        balance: z.string(),
        balanceMinor: z.number().int(),
      }),
    ),
    page: z.object({ nextCursor: z.string().nullable(), limit: z.number().int() }),
  })
  .meta({ id: 'GeneralLedger' });

const bucketStrings = Object.fromEntries(AGE_BUCKETS.map((b) => [b, z.string()])) as Record<
  (typeof AGE_BUCKETS)[number],
  z.ZodString
>;
const bucketMinors = Object.fromEntries(AGE_BUCKETS.map((b) => [b, z.number().int()])) as Record<
  (typeof AGE_BUCKETS)[number],
  z.ZodNumber
>;
const AgedBalanceSchema = z
  .object({
    kind: z.enum(['receivable', 'payable']),
    asOf: z.string(),
    currencyCode: z.string(),
    partners: z.array(
      z.object({
        partnerId: z.uuid(),
        total: z.string(),
        totalMinor: z.number().int(),
        ...bucketStrings,
        minor: z.object(bucketMinors),
      }),
    ),
    totals: z.object({ ...bucketMinors, totalMinor: z.number().int() }),
  })
  .meta({ id: 'AgedBalance' });

export const reportRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/accounting/reports/aged-balance',
    {
      config: { permission: 'accounting.report.read' },
      schema: {
        tags,
        summary:
          'Aged receivables or payables per partner on a date: not due, 1–30, 31–60, 61–90, over 90 days',
        querystring: z.object({ kind: z.enum(['receivable', 'payable']), asOf: z.iso.date() }).strict(),
        response: { 200: AgedBalanceSchema, ...problems },
      },
    },
    (request) =>
      read(database, request, (db) =>
        agedBalance(db, request.principal!.companyId, request.query.kind, request.query.asOf),
      ),
  );
  r.get(
    '/accounting/reports/trial-balance',
    {
      config: { permission: 'accounting.report.read' },
      schema: {
        tags,
        summary: 'Trial balance: opening, debits, credits and closing balance per account',
        querystring: z.object(Range).strict(),
        response: { 200: TrialBalanceSchema, ...problems },
      },
    },
    (request) =>
      read(database, request, (db) =>
        trialBalance(db, request.principal!.companyId, request.query.from, request.query.to),
      ),
  );
  r.get(
    '/accounting/reports/general-ledger',
    {
      config: { permission: 'accounting.report.read' },
      schema: {
        tags,
        summary: 'General ledger of an account: its lines with the running balance',
        querystring: z
          .object({
            accountId: z.uuid(),
            ...Range,
            limit: z.coerce.number().int().min(1).max(1000).default(200),
            cursor: z.string().max(512).optional(),
          })
          .strict(),
        response: { 200: GeneralLedgerSchema, ...problems },
      },
    },
    (request) =>
      read(database, request, (db) => generalLedger(db, request.principal!.companyId, request.query)),
  );
};
