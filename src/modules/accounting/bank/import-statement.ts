import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { normaliseIban } from '../../../shared/iban.ts';
import { AccountingErrors } from '../errors.ts';
import { getJournal } from '../ledger/journals.ts';
import { getSettings } from '../ledger/settings.ts';
import type { ImportStatementInput, StatementImport } from './contracts.ts';
import type { CsvMapping } from './csv-mapping.ts';
import { openInvoices, suggestionsFor } from './match-invoices.ts';
import { parseStatement } from './parse-statement.ts';
import { reconcileByRule, reconcileWithInvoice, ruleMatches, rulesFor } from './reconcile-line.ts';
import {
  accountingBankCsvMappings,
  accountingBankStatementLines,
  accountingBankStatements,
} from './schema.ts';
import type { ParsedStatement } from './statement.ts';
import { StatementParseError } from './statement-parse-error.ts';

type LineRow = typeof accountingBankStatementLines.$inferSelect;
const INSERT_BATCH = 500;

async function mappingOf(tx: Tx, input: ImportStatementInput): Promise<CsvMapping | undefined> {
  if (input.csvMapping) return input.csvMapping;
  if (!input.csvMappingId) return undefined;
  const [row] = await tx.db
    .select()
    .from(accountingBankCsvMappings)
    .where(
      and(
        eq(accountingBankCsvMappings.companyId, tx.ctx.companyId),
        eq(accountingBankCsvMappings.id, input.csvMappingId),
      ),
    );
  if (!row) throw AccountingErrors.csv_mapping_not_found(`no CSV mapping has the id ${input.csvMappingId}`);
  return row.mapping;
}

function parse(
  bytes: Buffer,
  input: ImportStatementInput,
  csvMapping: CsvMapping | undefined,
): ParsedStatement[] {
  try {
    return parseStatement(bytes, { format: input.format, ...(csvMapping ? { csvMapping } : {}) });
  } catch (error) {
    if (!(error instanceof StatementParseError)) throw error;
    if (/mapping/i.test(error.reason) && !csvMapping)
      throw AccountingErrors.csv_mapping_required(error.reason);
    throw AccountingErrors.statement_invalid(
      error.message,
      error.problems.map((problem) => ({
        path: problem.line === null ? 'file' : `line ${problem.line}`,
        message: problem.reason,
      })),
    );
  }
}

function checkAccount(
  statement: ParsedStatement,
  journal: { code: string; bankIban: string | null },
  currency: string,
) {
  const iban = statement.account.iban ? normaliseIban(statement.account.iban) : null;
  if (iban && journal.bankIban && iban !== journal.bankIban) {
    throw AccountingErrors.statement_wrong_account(
      `the statement is for ${iban}; journal ${journal.code} is ${journal.bankIban}`,
    );
  }
  const foreign = statement.lines.find((line) => line.currency !== currency);
  if (foreign) {
    throw AccountingErrors.statement_currency_mismatch(
      `a line is in ${foreign.currency}; journal ${journal.code} keeps ${currency}`,
    );
  }
}

async function insertStatement(
  tx: Tx,
  journalId: string,
  statement: ParsedStatement,
  currency: string,
  fileName: string | null,
) {
  const { companyId } = tx.ctx;
  const id = newId();
  const lines = statement.lines.filter((line) => line.amountMinor !== 0);
  await tx.db.insert(accountingBankStatements).values({
    companyId,
    id,
    journalId,
    format: statement.format,
    bankStatementId: statement.statementId,
    fileName,
    fromDate: statement.fromDate,
    toDate: statement.toDate,
    currencyCode: currency,
    openingBalanceMinor: statement.openingBalanceMinor,
    closingBalanceMinor: statement.closingBalanceMinor,
    lineCount: lines.length,
    newLineCount: 0,
    notes: statement.notes,
    importedBy: tx.ctx.actor.id,
  });
  const inserted: LineRow[] = [];
  for (let start = 0; start < lines.length; start += INSERT_BATCH) {
    const batch = lines.slice(start, start + INSERT_BATCH).map((line) => ({
      companyId,
      id: newId(),
      statementId: id,
      journalId,
      bookingDate: line.bookingDate,
      valueDate: line.valueDate,
      amountMinor: line.amountMinor,
      currencyCode: line.currency,
      counterpartyName: line.counterpartyName,
      counterpartyIban: line.counterpartyIban,
      remittanceText: line.remittanceText,
      structuredReference: line.structuredReference,
      endToEndId: line.endToEndId,
      bankReference: line.bankReference,
      transactionCode: line.transactionCode,
      duplicateKey: line.duplicateKey,
    }));
    // A line seen before (same file again, overlapping files) is skipped, not duplicated.
    inserted.push(
      ...(await tx.db.insert(accountingBankStatementLines).values(batch).onConflictDoNothing().returning()),
    );
  }
  await tx.db
    .update(accountingBankStatements)
    .set({ newLineCount: inserted.length })
    .where(and(eq(accountingBankStatements.companyId, companyId), eq(accountingBankStatements.id, id)));
  return { id, lines, inserted };
}

// Reconciles what needs no one: lines that a rule describes, then payments that quote exactly one
// open invoice's creditor reference.
async function autoReconcile(tx: Tx, journalId: string, lines: LineRow[]): Promise<number> {
  if (lines.length === 0) return 0;
  const rules = await rulesFor(tx.db, tx.ctx.companyId, journalId);
  const candidates = {
    in: await openInvoices(tx.db, tx.ctx.companyId, 'in'),
    out: await openInvoices(tx.db, tx.ctx.companyId, 'out'),
  };
  let reconciled = 0;
  for (const line of lines) {
    const rule = rules.find((r) => ruleMatches(r, line));
    if (rule) {
      await reconcileByRule(tx, line, rule);
      reconciled++;
      continue;
    }
    const pool = line.amountMinor > 0 ? candidates.in : candidates.out;
    const sure = suggestionsFor(line, pool).filter((s) => s.score >= 100);
    if (sure.length !== 1) continue;
    const match = pool.find((invoice) => invoice.invoiceId === sure[0]!.invoiceId)!;
    await reconcileWithInvoice(tx, line, match);
    match.amountDueMinor = Math.max(0, match.amountDueMinor - Math.abs(line.amountMinor));
    reconciled++;
  }
  return reconciled;
}

/**
 * Imports a bank file into a bank journal: every statement it holds, each line once however often
 * the file (or an overlapping one) is imported, then reconciles what rules and creditor
 * references make certain. A file that cannot be read is refused whole, with every problem.
 */
export async function importStatement(tx: Tx, input: ImportStatementInput): Promise<StatementImport> {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  const journal = await getJournal(tx.db, companyId, input.journalId);
  if (journal.type !== 'bank')
    throw AccountingErrors.journal_type_invalid(`journal ${journal.code} is not a bank journal`);
  const currency = journal.currencyCode ?? settings.currencyCode;
  const statements = parse(Buffer.from(input.content, 'base64'), input, await mappingOf(tx, input));
  // Imports into one journal take turns, so two uploads of one file cannot both reconcile a line.
  await tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtext('accounting.bank_import'), hashtext(${journal.id}))`,
  );
  const results: StatementImport['statements'] = [];
  for (const statement of statements) {
    checkAccount(statement, journal, currency);
    const { id, lines, inserted } = await insertStatement(
      tx,
      journal.id,
      statement,
      currency,
      input.fileName ?? null,
    );
    const reconciledCount = input.autoReconcile ? await autoReconcile(tx, journal.id, inserted) : 0;
    results.push({
      id,
      format: statement.format,
      fromDate: statement.fromDate,
      toDate: statement.toDate,
      lineCount: lines.length,
      newLineCount: inserted.length,
      duplicateCount: lines.length - inserted.length,
      reconciledCount,
      notes: statement.notes,
    });
    tx.audit('accounting.bank_statement', id, 'import', {
      journal: { old: null, new: journal.code },
      lines: { old: null, new: lines.length },
      newLines: { old: null, new: inserted.length },
      reconciled: { old: null, new: reconciledCount },
    });
  }
  return { statements: results };
}
