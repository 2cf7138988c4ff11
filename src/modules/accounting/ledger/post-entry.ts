import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { fromMinor, isKnownCurrency } from '../../../shared/money.ts';
import { existingPartyIds } from '../../crm/index.ts';
import type { Account } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { EntryPosted } from '../events.ts';
import { accountingTaxes } from '../taxes/schema.ts';
import { accountsByIds } from './accounts.ts';
import { openPeriodFor } from './fiscal-years.ts';
import { getJournal } from './journals.ts';
import { numberBeforeCommit } from './numbering.ts';
import { accountingEntries, accountingEntryLines } from './schema.ts';
import { getSettings } from './settings.ts';

export const MAX_ENTRY_LINES = 5000;

/** One line of an entry to post: one side in company-currency minor units. */
export type PostingLine = {
  accountId: string;
  debitMinor: number;
  creditMinor: number;
  partnerId?: string | null;
  description?: string | null;
  /** A foreign currency, with the signed amount in it (+ on the debit side). */
  currencyCode?: string | null;
  amountCurrencyMinor?: number | null;
  taxId?: string | null;
  taxBaseMinor?: number | null;
  dueDate?: string | null;
};

export type PostingInput = {
  journalId: string;
  date: string;
  reference?: string | null;
  description: string;
  /** What caused the entry ('manual', 'accounting.invoice', 'pos.sale', …) and its id: posted once. */
  sourceType: string;
  sourceId?: string | null;
  reversesEntryId?: string | null;
  reversalReason?: string | null;
  lines: PostingLine[];
};

export type PostedEntry = { id: string; journalId: string; date: string; totalMinor: number };

const bad = (index: number, field: string, message: string): FieldError => ({
  path: `lines.${index}.${field}`,
  message,
});

function checkSides(lines: PostingLine[]): FieldError[] {
  const problems: FieldError[] = [];
  lines.forEach((line, index) => {
    for (const field of ['debitMinor', 'creditMinor'] as const) {
      const value = line[field];
      if (!Number.isSafeInteger(value) || value < 0)
        problems.push(bad(index, field, 'a whole, non-negative amount'));
    }
    if (line.debitMinor > 0 === line.creditMinor > 0) {
      problems.push(bad(index, 'debit', 'a line has a debit or a credit, not both and not neither'));
    }
  });
  return problems;
}

function checkAccounts(
  lines: PostingLine[],
  accounts: Map<string, Account>,
  companyCurrency: string,
): FieldError[] {
  const problems: FieldError[] = [];
  lines.forEach((line, index) => {
    const account = accounts.get(line.accountId);
    if (!account) {
      problems.push(bad(index, 'accountId', `no account has the id ${line.accountId}`));
      return;
    }
    if (account.archived) problems.push(bad(index, 'accountId', `account ${account.code} is archived`));
    if ((account.kind === 'receivable' || account.kind === 'payable') && !line.partnerId) {
      problems.push(bad(index, 'partnerId', `account ${account.code} is ${account.kind}: name the partner`));
    }
    const currency = line.currencyCode ?? companyCurrency;
    if (account.currencyCode && account.currencyCode !== currency) {
      problems.push(bad(index, 'currencyCode', `account ${account.code} is kept in ${account.currencyCode}`));
    }
  });
  return problems;
}

function checkCurrencies(lines: PostingLine[], companyCurrency: string): FieldError[] {
  const problems: FieldError[] = [];
  lines.forEach((line, index) => {
    const foreign = line.currencyCode && line.currencyCode !== companyCurrency;
    if (line.currencyCode && !isKnownCurrency(line.currencyCode)) {
      problems.push(bad(index, 'currencyCode', `${line.currencyCode} is not an ISO 4217 currency`));
    } else if (foreign && !Number.isSafeInteger(line.amountCurrencyMinor)) {
      problems.push(bad(index, 'amountCurrency', `the amount in ${line.currencyCode} is needed`));
    } else if (foreign && Math.sign(line.amountCurrencyMinor!) === (line.debitMinor > 0 ? -1 : 1)) {
      problems.push(bad(index, 'amountCurrency', 'the foreign amount is on the same side as the line'));
    }
  });
  return problems;
}

async function checkReferences(tx: Tx, lines: PostingLine[]): Promise<FieldError[]> {
  const { companyId } = tx.ctx;
  const partnerIds = lines.flatMap((line) => (line.partnerId ? [line.partnerId] : []));
  const taxIds = lines.flatMap((line) => (line.taxId ? [line.taxId] : []));
  const partners = await existingPartyIds(tx.db, companyId, partnerIds);
  const taxes =
    taxIds.length === 0
      ? new Set<string>()
      : new Set(
          (
            await tx.db
              .select({ id: accountingTaxes.id })
              .from(accountingTaxes)
              .where(and(eq(accountingTaxes.companyId, companyId), inArray(accountingTaxes.id, taxIds)))
          ).map((row) => row.id),
        );
  const problems: FieldError[] = [];
  lines.forEach((line, index) => {
    if (line.partnerId && !partners.has(line.partnerId)) {
      problems.push(bad(index, 'partnerId', `no customer or supplier has the id ${line.partnerId}`));
    }
    if (line.taxId && !taxes.has(line.taxId))
      problems.push(bad(index, 'taxId', `no tax has the id ${line.taxId}`));
  });
  return problems;
}

async function validateLines(
  tx: Tx,
  lines: PostingLine[],
  companyCurrency: string,
): Promise<Map<string, Account>> {
  if (lines.length < 2) throw AccountingErrors.entry_too_few_lines(`the entry has ${lines.length} line(s)`);
  if (lines.length > MAX_ENTRY_LINES) {
    throw AccountingErrors.entry_line_invalid(`an entry has at most ${MAX_ENTRY_LINES} lines`);
  }
  const sides = checkSides(lines);
  if (sides.length > 0) throw AccountingErrors.entry_line_invalid(sides[0]!.message, sides);
  const accounts = await accountsByIds(
    tx.db,
    tx.ctx.companyId,
    lines.map((line) => line.accountId),
  );
  const problems = [
    ...checkAccounts(lines, accounts, companyCurrency),
    ...checkCurrencies(lines, companyCurrency),
    ...(await checkReferences(tx, lines)),
  ];
  if (problems.length > 0) throw AccountingErrors.entry_line_invalid(problems[0]!.message, problems);
  const debit = lines.reduce((sum, line) => sum + line.debitMinor, 0);
  const credit = lines.reduce((sum, line) => sum + line.creditMinor, 0);
  if (debit !== credit) {
    throw AccountingErrors.entry_unbalanced(
      `debits ${fromMinor(debit, companyCurrency)} and credits ${fromMinor(credit, companyCurrency)} ${companyCurrency} differ by ${fromMinor(Math.abs(debit - credit), companyCurrency)}`,
    );
  }
  return accounts;
}

/** The entry a business event was posted as, if it was (its reversal aside). */
export async function entryBySource(
  db: Executor,
  companyId: string,
  sourceType: string,
  sourceId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: accountingEntries.id })
    .from(accountingEntries)
    .where(
      and(
        eq(accountingEntries.companyId, companyId),
        eq(accountingEntries.sourceType, sourceType),
        eq(accountingEntries.sourceId, sourceId),
        isNull(accountingEntries.reversesEntryId),
      ),
    );
  return row;
}

function rethrowPostingConflict(error: unknown, input: PostingInput): never {
  const constraint = pgErrorOf(error)?.constraint;
  if (constraint === 'accounting_entries_source_unique') {
    throw AccountingErrors.entry_already_posted(`${input.sourceType} ${input.sourceId} is posted already`);
  }
  if (constraint === 'accounting_entries_reversal_unique') {
    throw AccountingErrors.entry_already_reversed(`entry ${input.reversesEntryId} is reversed already`);
  }
  throw error;
}

/**
 * Posts a balanced journal entry in the caller's transaction. The entry is immutable from here
 * on; it gets its gap-free number just before commit, when `accounting.entry.posted` is emitted.
 * Refuses (writing nothing) an unbalanced entry, unknown or archived accounts, receivable or
 * payable lines without a partner, and dates in locked periods or outside every fiscal year.
 */
export async function postEntry(tx: Tx, input: PostingInput): Promise<PostedEntry> {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  const journal = await getJournal(tx.db, companyId, input.journalId);
  if (journal.archived) throw AccountingErrors.journal_not_found(`journal ${journal.code} is archived`);
  if (
    input.sourceId &&
    !input.reversesEntryId &&
    (await entryBySource(tx.db, companyId, input.sourceType, input.sourceId))
  ) {
    throw AccountingErrors.entry_already_posted(`${input.sourceType} ${input.sourceId} is posted already`);
  }
  const accounts = await validateLines(tx, input.lines, settings.currencyCode);
  const period = await openPeriodFor(tx, input.date, settings.lockDate);
  const id = newId();
  const totalMinor = input.lines.reduce((sum, line) => sum + line.debitMinor, 0);
  await tx.db
    .insert(accountingEntries)
    .values({
      companyId,
      id,
      journalId: journal.id,
      fiscalYearId: period.fiscalYearId,
      periodId: period.periodId,
      date: input.date,
      reference: input.reference ?? null,
      description: input.description,
      sourceType: input.sourceType,
      sourceId: input.sourceId ?? null,
      reversesEntryId: input.reversesEntryId ?? null,
      reversalReason: input.reversalReason ?? null,
      postedBy: tx.ctx.actor.id,
    })
    .catch((error) => rethrowPostingConflict(error, input));
  await tx.db.insert(accountingEntryLines).values(
    input.lines.map((line, index) => ({
      companyId,
      id: newId(),
      entryId: id,
      lineNo: index + 1,
      journalId: journal.id,
      date: input.date,
      accountId: line.accountId,
      partnerId: line.partnerId ?? null,
      description: line.description ?? null,
      debitMinor: line.debitMinor,
      creditMinor: line.creditMinor,
      currencyCode: line.currencyCode ?? settings.currencyCode,
      amountCurrencyMinor:
        line.currencyCode && line.currencyCode !== settings.currencyCode
          ? line.amountCurrencyMinor!
          : line.debitMinor - line.creditMinor,
      taxId: line.taxId ?? null,
      taxBaseMinor: line.taxBaseMinor ?? null,
      dueDate: line.dueDate ?? null,
    })),
  );
  numberBeforeCommit(tx, {
    entryId: id,
    journalId: journal.id,
    journalCode: journal.code,
    fiscalYearId: period.fiscalYearId,
    fiscalYearName: period.fiscalYearName,
    numbered: async (number) => {
      tx.audit('accounting.entry', id, input.reversesEntryId ? 'reverse' : 'post', {
        number: { old: null, new: number },
        journal: { old: null, new: journal.code },
        date: { old: null, new: input.date },
        description: { old: null, new: input.description },
        total: { old: null, new: fromMinor(totalMinor, settings.currencyCode) },
        source: {
          old: null,
          new: input.sourceId ? `${input.sourceType}:${input.sourceId}` : input.sourceType,
        },
      });
      await tx.emit(EntryPosted, id, {
        entryId: id,
        number,
        journalId: journal.id,
        journalCode: journal.code,
        date: input.date,
        description: input.description,
        sourceType: input.sourceType,
        sourceId: input.sourceId ?? null,
        reversesEntryId: input.reversesEntryId ?? null,
        currencyCode: settings.currencyCode,
        totalMinor,
        lines: input.lines.map((line) => ({
          accountId: line.accountId,
          accountCode: accounts.get(line.accountId)!.code,
          partnerId: line.partnerId ?? null,
          debitMinor: line.debitMinor,
          creditMinor: line.creditMinor,
        })),
      });
    },
  });
  return { id, journalId: journal.id, date: input.date, totalMinor };
}
