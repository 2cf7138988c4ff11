import { Decimal } from 'decimal.js';
import { and, asc, eq, exists, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { escapeLike } from '../../../platform/db/like.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { keysetPage, type Page } from '../../../platform/http/pagination.ts';
import { currencyDecimals, fromMinor, isKnownCurrency, toMinor } from '../../../shared/money.ts';
import type { EntryLine, JournalEntry, PostEntryRequest, ReverseEntryRequest } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { rateOn } from './exchange-rates.ts';
import { numberPending } from './numbering.ts';
import { type PostingLine, postEntry } from './post-entry.ts';
import { accountingAccounts, accountingEntries, accountingEntryLines } from './schema.ts';
import { companyCurrency, getSettings } from './settings.ts';

type EntryRow = typeof accountingEntries.$inferSelect;

/** A decimal amount in minor units of its currency; more decimals than the currency has is refused. */
export function exactMinor(value: string, currency: string, path: string): number {
  if (!isKnownCurrency(currency)) {
    throw AccountingErrors.currency_invalid(`${currency} is not an ISO 4217 currency`, [
      { path, message: 'unknown currency' },
    ]);
  }
  const decimals = value.includes('.') ? value.split('.')[1]!.length : 0;
  if (decimals > currencyDecimals(currency)) {
    const message = `${currency} has ${currencyDecimals(currency)} decimals; ${value} has ${decimals}`;
    throw AccountingErrors.amount_invalid(message, [{ path, message }]);
  }
  return toMinor(value, currency);
}

async function toPostingLine(
  db: Executor,
  companyId: string,
  currency: string,
  date: string,
  line: PostEntryRequest['lines'][number],
  index: number,
): Promise<PostingLine> {
  const path = (field: string) => `lines.${index}.${field}`;
  const foreign = line.currencyCode && line.currencyCode !== currency ? line.currencyCode : null;
  let debitMinor = line.debit === undefined ? 0 : exactMinor(line.debit, currency, path('debit'));
  let creditMinor = line.credit === undefined ? 0 : exactMinor(line.credit, currency, path('credit'));
  let amountCurrencyMinor: number | null = null;
  if (foreign) {
    if (!line.amountCurrency) {
      throw AccountingErrors.entry_line_invalid(`give the amount in ${foreign}`, [
        { path: path('amountCurrency'), message: 'required with a foreign currency' },
      ]);
    }
    amountCurrencyMinor = exactMinor(line.amountCurrency, foreign, path('amountCurrency'));
    if (line.debit === undefined && line.credit === undefined) {
      // Only the foreign amount given: convert it at the rate of the entry date.
      const rate = await rateOn(db, companyId, foreign, date);
      const converted = toMinor(new Decimal(line.amountCurrency).abs().times(rate), currency);
      if (amountCurrencyMinor >= 0) debitMinor = converted;
      else creditMinor = converted;
    }
  }
  return {
    accountId: line.accountId,
    debitMinor,
    creditMinor,
    partnerId: line.partnerId ?? null,
    description: line.description ?? null,
    currencyCode: foreign,
    amountCurrencyMinor,
    taxId: line.taxId ?? null,
    taxBaseMinor: line.taxBase ? exactMinor(line.taxBase, currency, path('taxBase')) : null,
    dueDate: line.dueDate ?? null,
  };
}

/** A manual entry from the API, amounts as decimal strings. */
export async function postManualEntry(tx: Tx, request: PostEntryRequest): Promise<JournalEntry> {
  const { companyId } = tx.ctx;
  const { currencyCode } = await getSettings(tx.db, companyId);
  const lines: PostingLine[] = [];
  for (const [index, line] of request.lines.entries()) {
    lines.push(await toPostingLine(tx.db, companyId, currencyCode, request.date, line, index));
  }
  const posted = await postEntry(tx, {
    journalId: request.journalId,
    date: request.date,
    reference: request.reference ?? null,
    description: request.description,
    sourceType: 'manual',
    lines,
  });
  await numberPending(tx);
  return getEntry(tx.db, companyId, posted.id);
}

/** Posts the mirror of an entry (every debit a credit) with the reason; an entry is reversed once. */
export async function reverseEntry(
  tx: Tx,
  entryId: string,
  request: ReverseEntryRequest,
): Promise<JournalEntry> {
  const { companyId } = tx.ctx;
  const original = await getEntry(tx.db, companyId, entryId);
  if (original.reversesEntryId) {
    throw AccountingErrors.entry_is_reversal(`entry ${original.number} reverses ${original.reversesEntryId}`);
  }
  const [reversal] = await tx.db
    .select({ number: accountingEntries.number })
    .from(accountingEntries)
    .where(and(eq(accountingEntries.companyId, companyId), eq(accountingEntries.reversesEntryId, entryId)));
  if (reversal)
    throw AccountingErrors.entry_already_reversed(
      `entry ${original.number} was reversed by ${reversal.number}`,
    );
  const posted = await postEntry(tx, {
    journalId: original.journalId,
    date: request.date ?? original.date,
    reference: original.number,
    description: `Reversal of ${original.number}: ${request.reason}`,
    sourceType: original.sourceType,
    sourceId: original.sourceId,
    reversesEntryId: original.id,
    reversalReason: request.reason,
    lines: original.lines.map((line) => ({
      accountId: line.accountId,
      debitMinor: line.creditMinor,
      creditMinor: line.debitMinor,
      partnerId: line.partnerId,
      description: line.description,
      currencyCode: line.currencyCode,
      amountCurrencyMinor: -toMinor(line.amountCurrency, line.currencyCode),
      taxId: line.taxId,
      taxBaseMinor: line.taxBase === null ? null : -toMinor(line.taxBase, original.currencyCode),
      dueDate: line.dueDate,
    })),
  });
  await numberPending(tx);
  return getEntry(tx.db, companyId, posted.id);
}

function toEntry(row: EntryRow, lines: EntryLine[], currency: string): JournalEntry {
  const totalMinor = lines.reduce((sum, line) => sum + line.debitMinor, 0);
  return {
    id: row.id,
    number: row.number,
    journalId: row.journalId,
    fiscalYearId: row.fiscalYearId,
    date: row.date,
    reference: row.reference,
    description: row.description,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    reversesEntryId: row.reversesEntryId,
    reversalReason: row.reversalReason,
    currencyCode: currency,
    total: fromMinor(totalMinor, currency),
    totalMinor,
    postedAt: row.postedAt.toISOString(),
    lines,
  };
}

async function linesOf(db: Executor, companyId: string, entryIds: string[], currency: string) {
  if (entryIds.length === 0) return new Map<string, EntryLine[]>();
  const rows = await db
    .select({ line: accountingEntryLines, accountCode: accountingAccounts.code })
    .from(accountingEntryLines)
    .innerJoin(
      accountingAccounts,
      and(
        eq(accountingAccounts.companyId, accountingEntryLines.companyId),
        eq(accountingAccounts.id, accountingEntryLines.accountId),
      ),
    )
    .where(
      and(eq(accountingEntryLines.companyId, companyId), inArray(accountingEntryLines.entryId, entryIds)),
    )
    .orderBy(asc(accountingEntryLines.entryId), asc(accountingEntryLines.lineNo));
  const byEntry = new Map<string, EntryLine[]>();
  for (const { line, accountCode } of rows) {
    const list = byEntry.get(line.entryId) ?? [];
    list.push({
      id: line.id,
      lineNo: line.lineNo,
      accountId: line.accountId,
      accountCode,
      partnerId: line.partnerId,
      description: line.description,
      debit: fromMinor(line.debitMinor, currency),
      credit: fromMinor(line.creditMinor, currency),
      debitMinor: line.debitMinor,
      creditMinor: line.creditMinor,
      currencyCode: line.currencyCode,
      amountCurrency: fromMinor(line.amountCurrencyMinor, line.currencyCode),
      taxId: line.taxId,
      taxBase: line.taxBaseMinor === null ? null : fromMinor(line.taxBaseMinor, currency),
      dueDate: line.dueDate,
    });
    byEntry.set(line.entryId, list);
  }
  return byEntry;
}

export async function getEntry(db: Executor, companyId: string, id: string): Promise<JournalEntry> {
  const [row] = await db
    .select()
    .from(accountingEntries)
    .where(and(eq(accountingEntries.companyId, companyId), eq(accountingEntries.id, id)));
  if (!row) throw AccountingErrors.entry_not_found(`no journal entry has the id ${id}`);
  const currency = await companyCurrency(db, companyId);
  const lines = await linesOf(db, companyId, [id], currency);
  return toEntry(row, lines.get(id) ?? [], currency);
}

export type EntryListQuery = {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  journalId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  accountId?: string | undefined;
  partnerId?: string | undefined;
  sourceType?: string | undefined;
  sourceId?: string | undefined;
  q?: string | undefined;
};

function lineFilter(companyId: string, where: SQL): SQL {
  return exists(
    sql`(select 1 from ${accountingEntryLines} where ${accountingEntryLines.companyId} = ${companyId} and ${accountingEntryLines.entryId} = ${accountingEntries.id} and ${where})`,
  );
}

export async function listEntries(
  db: Executor,
  companyId: string,
  query: EntryListQuery,
): Promise<Page<JournalEntry>> {
  const paging = keysetPage<EntryRow>(
    query,
    { date: accountingEntries.date, postedAt: accountingEntries.postedAt },
    accountingEntries.id,
    (row, field) => row[field as 'date' | 'postedAt'],
    (row) => row.id,
  );
  const filters: (SQL | undefined)[] = [
    eq(accountingEntries.companyId, companyId),
    query.journalId ? eq(accountingEntries.journalId, query.journalId) : undefined,
    query.from ? gte(accountingEntries.date, query.from) : undefined,
    query.to ? lte(accountingEntries.date, query.to) : undefined,
    query.sourceType ? eq(accountingEntries.sourceType, query.sourceType) : undefined,
    query.sourceId ? eq(accountingEntries.sourceId, query.sourceId) : undefined,
    query.accountId
      ? lineFilter(companyId, sql`${accountingEntryLines.accountId} = ${query.accountId}`)
      : undefined,
    query.partnerId
      ? lineFilter(companyId, sql`${accountingEntryLines.partnerId} = ${query.partnerId}`)
      : undefined,
    query.q
      ? or(
          ilike(accountingEntries.number, `%${escapeLike(query.q)}%`),
          ilike(accountingEntries.reference, `%${escapeLike(query.q)}%`),
          ilike(accountingEntries.description, `%${escapeLike(query.q)}%`),
        )
      : undefined,
    paging.where,
  ];
  const rows = await db
    .select()
    .from(accountingEntries)
    .where(and(...filters))
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  const currency = await companyCurrency(db, companyId);
  const lines = await linesOf(
    db,
    companyId,
    page.data.map((row) => row.id),
    currency,
  );
  return { data: page.data.map((row) => toEntry(row, lines.get(row.id) ?? [], currency)), page: page.page };
}
