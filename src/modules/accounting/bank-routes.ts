import { and, asc, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/tx.ts';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import { newId } from '../../platform/ids.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { fromMinor } from '../../shared/money.ts';
import {
  ImportStatementInput,
  ReconcileLineInput,
  ReconciliationRule,
  ReconciliationRuleInput,
  SaveCsvMappingInput,
  SavedCsvMapping,
  StatementImport,
  StatementLineSchema,
  Suggestion,
} from './bank/contracts.ts';
import { importStatement } from './bank/import-statement.ts';
import { openInvoices, suggestionsFor } from './bank/match-invoices.ts';
import { ignoreLine, lineById, reconcileLine, toLineView } from './bank/reconcile-line.ts';
import {
  accountingBankCsvMappings,
  accountingBankStatementLines,
  accountingReconciliationRules,
} from './bank/schema.ts';
import { AccountingErrors } from './errors.ts';
import { getAccount } from './ledger/accounts.ts';
import { exactMinor } from './ledger/entries.ts';
import { getSettings } from './ledger/settings.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 413: ProblemSchema, 422: ProblemSchema };
const tags = ['accounting bank'];
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;
const MAX_FILE_BODY_BYTES = 30 * 1024 * 1024;

async function listLines(
  db: Executor,
  companyId: string,
  query: {
    journalId?: string | undefined;
    state?: 'open' | 'reconciled' | 'ignored' | undefined;
    statementId?: string | undefined;
    limit: number;
  },
) {
  const rows = await db
    .select()
    .from(accountingBankStatementLines)
    .where(
      and(
        eq(accountingBankStatementLines.companyId, companyId),
        query.journalId ? eq(accountingBankStatementLines.journalId, query.journalId) : undefined,
        query.state ? eq(accountingBankStatementLines.state, query.state) : undefined,
        query.statementId ? eq(accountingBankStatementLines.statementId, query.statementId) : undefined,
      ),
    )
    .orderBy(desc(accountingBankStatementLines.bookingDate), asc(accountingBankStatementLines.id))
    .limit(query.limit);
  return rows.map(toLineView);
}

async function createRule(tx: Tx, input: ReconciliationRuleInput) {
  const { companyId } = tx.ctx;
  const { currencyCode } = await getSettings(tx.db, companyId);
  await getAccount(tx.db, companyId, input.accountId);
  if (!input.textContains && !input.counterpartyIban) {
    throw AccountingErrors.bank_line_split_invalid(
      'a rule names a text or a counterparty account to recognise lines by',
    );
  }
  const id = newId();
  await tx.db.insert(accountingReconciliationRules).values({
    companyId,
    id,
    name: input.name,
    journalId: input.journalId ?? null,
    direction: input.direction,
    textContains: input.textContains ?? null,
    counterpartyIban: input.counterpartyIban?.replace(/\s+/g, '').toUpperCase() ?? null,
    amountMinMinor: input.amountMin ? exactMinor(input.amountMin, currencyCode, 'amountMin') : null,
    amountMaxMinor: input.amountMax ? exactMinor(input.amountMax, currencyCode, 'amountMax') : null,
    accountId: input.accountId,
    label: input.label ?? null,
    priority: input.priority,
    createdBy: tx.ctx.actor.id,
    updatedBy: tx.ctx.actor.id,
  });
  tx.audit('accounting.reconciliation_rule', id, 'create', { name: { old: null, new: input.name } });
  return { id, ...input };
}

async function listRules(db: Executor, companyId: string): Promise<ReconciliationRule[]> {
  const { currencyCode } = await getSettings(db, companyId);
  const rows = await db
    .select()
    .from(accountingReconciliationRules)
    .where(eq(accountingReconciliationRules.companyId, companyId))
    .orderBy(asc(accountingReconciliationRules.priority));
  const money = (minor: number | null) => (minor === null ? null : fromMinor(minor, currencyCode));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    journalId: row.journalId,
    direction: row.direction,
    textContains: row.textContains,
    counterpartyIban: row.counterpartyIban,
    amountMin: money(row.amountMinMinor),
    amountMax: money(row.amountMaxMinor),
    accountId: row.accountId,
    label: row.label,
    priority: row.priority,
  }));
}

export const bankRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/accounting/bank-statements/import',
    {
      bodyLimit: MAX_FILE_BODY_BYTES,
      config: { permission: 'accounting.bank.import' },
      schema: {
        tags,
        summary:
          'Import a bank statement (camt.052/053/054, OFX, or CSV with a mapping); lines already imported are skipped',
        body: ImportStatementInput,
        response: { 201: StatementImport, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => importStatement(tx, request.body)),
  );
  r.get(
    '/accounting/bank-statement-lines',
    {
      config: { permission: 'accounting.bank.read' },
      schema: {
        tags,
        summary: 'Bank statement lines (open ones are what is left to reconcile)',
        querystring: z
          .object({
            journalId: z.uuid().optional(),
            statementId: z.uuid().optional(),
            state: z.enum(['open', 'reconciled', 'ignored']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ data: z.array(StatementLineSchema) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({ data: await listLines(db, company(request), request.query) })),
  );
  r.get(
    '/accounting/bank-statement-lines/:id/suggestions',
    {
      config: { permission: 'accounting.bank.read' },
      schema: {
        tags,
        summary: 'Invoices that may explain a bank line, by reference, number and amount',
        params: IdParams,
        response: { 200: z.object({ data: z.array(Suggestion) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => {
        const line = await lineById(db, company(request), request.params.id);
        const pool = await openInvoices(db, company(request), line.amountMinor > 0 ? 'in' : 'out');
        return { data: suggestionsFor(line, pool) };
      }),
  );
  r.post(
    '/accounting/bank-statement-lines/:id/reconcile',
    {
      config: { permission: 'accounting.bank.reconcile' },
      schema: {
        tags,
        summary: 'Reconcile a bank line: the invoices it pays, parts booked to accounts',
        params: IdParams,
        body: ReconcileLineInput,
        response: { 200: StatementLineSchema, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => reconcileLine(tx, request.params.id, request.body)),
  );
  r.post(
    '/accounting/bank-statement-lines/:id/ignore',
    {
      config: { permission: 'accounting.bank.reconcile' },
      schema: {
        tags,
        summary: 'Leave a bank line out of reconciliation',
        params: IdParams,
        response: { 200: StatementLineSchema, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 200, (tx) => ignoreLine(tx, request.params.id)),
  );
  r.get(
    '/accounting/reconciliation-rules',
    {
      config: { permission: 'accounting.bank.read' },
      schema: {
        tags,
        summary: 'Rules that reconcile recurring bank lines',
        response: { 200: z.object({ data: z.array(ReconciliationRule) }), ...problems },
      },
    },
    (request) => read(database, request, async (db) => ({ data: await listRules(db, company(request)) })),
  );
  r.post(
    '/accounting/reconciliation-rules',
    {
      config: { permission: 'accounting.bank.rules' },
      schema: {
        tags,
        summary: 'Add a reconciliation rule',
        body: ReconciliationRuleInput,
        response: { 201: ReconciliationRule, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createRule(tx, request.body)),
  );
  r.get(
    '/accounting/bank-csv-mappings',
    {
      config: { permission: 'accounting.bank.read' },
      schema: {
        tags,
        summary: 'Saved CSV layouts of banks',
        response: { 200: z.object({ data: z.array(SavedCsvMapping) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: (
          await db
            .select()
            .from(accountingBankCsvMappings)
            .where(eq(accountingBankCsvMappings.companyId, company(request)))
        ).map((row) => ({ id: row.id, name: row.name, mapping: row.mapping })),
      })),
  );
  r.post(
    '/accounting/bank-csv-mappings',
    {
      config: { permission: 'accounting.bank.rules' },
      schema: {
        tags,
        summary: 'Save a bank’s CSV layout',
        body: SaveCsvMappingInput,
        response: { 201: SavedCsvMapping, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, async (tx) => {
        await getSettings(tx.db, tx.ctx.companyId);
        const id = newId();
        await tx.db.insert(accountingBankCsvMappings).values({
          companyId: tx.ctx.companyId,
          id,
          ...request.body,
          createdBy: tx.ctx.actor.id,
          updatedBy: tx.ctx.actor.id,
        });
        tx.audit('accounting.bank_csv_mapping', id, 'create', {
          name: { old: null, new: request.body.name },
        });
        return { id, ...request.body };
      }),
  );
};
