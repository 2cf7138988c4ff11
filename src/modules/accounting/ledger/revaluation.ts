import { Decimal } from 'decimal.js';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import { allocate, openItems } from '../matching/allocations.ts';
import { accountFor } from './accounts.ts';
import { reverseEntry } from './entries.ts';
import { rateOn } from './exchange-rates.ts';
import { journalOfType } from './journals.ts';
import { numberPending } from './numbering.ts';
import { type PostingLine, postEntry } from './post-entry.ts';
import { accountingEntryLines } from './schema.ts';
import { getSettings } from './settings.ts';

export const REVALUATION = 'accounting.revaluation';

export type RevaluationResult = {
  date: string;
  entryId: string | null;
  reversalId: string | null;
  adjustedItems: number;
  gain: string;
  loss: string;
};

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * Unrealised exchange differences at a period end: each open foreign-currency receivable and
 * payable restated at the rate of `date`, the differences to exchange gains and losses, reversed
 * the next day (so the items keep their booked value for the payments that settle them).
 */
export async function revalueOpenItems(tx: Tx, date: string): Promise<RevaluationResult> {
  const { companyId } = tx.ctx;
  const { currencyCode } = await getSettings(tx.db, companyId);
  const items = (await openItems(tx.db, companyId, {})).filter(
    (item) => item.currencyCode !== currencyCode && item.date <= date,
  );
  const lines: PostingLine[] = [];
  for (const item of items) {
    const rate = await rateOn(tx.db, companyId, item.currencyCode, date);
    const target = toMinor(
      new Decimal(fromMinor(item.residualCurrencyMinor, item.currencyCode)).times(rate),
      currencyCode,
    );
    // Signed as debit balances: a receivable worth more is a gain, a payable owed more a loss.
    const sign = item.side === 'debit' ? 1 : -1;
    const delta = sign * (target - item.residualMinor);
    if (delta === 0) continue;
    lines.push({
      accountId: item.accountId,
      partnerId: item.partnerId,
      debitMinor: Math.max(delta, 0),
      creditMinor: delta < 0 ? -delta : 0,
      currencyCode: item.currencyCode,
      amountCurrencyMinor: 0,
      description: `Revaluation of ${item.entryNumber} at ${rate}`,
    });
  }
  const empty = {
    date,
    entryId: null,
    reversalId: null,
    adjustedItems: 0,
    gain: fromMinor(0, currencyCode),
    loss: fromMinor(0, currencyCode),
  };
  if (lines.length === 0) return empty;
  const gain = lines.filter((l) => l.debitMinor > 0).reduce((sum, l) => sum + l.debitMinor, 0);
  const loss = lines.filter((l) => l.creditMinor > 0).reduce((sum, l) => sum + l.creditMinor, 0);
  if (gain > 0)
    lines.push({
      accountId: (await accountFor(tx.db, companyId, 'exchange_gain')).id,
      debitMinor: 0,
      creditMinor: gain,
      description: 'Unrealised exchange gains',
    });
  if (loss > 0)
    lines.push({
      accountId: (await accountFor(tx.db, companyId, 'exchange_loss')).id,
      debitMinor: loss,
      creditMinor: 0,
      description: 'Unrealised exchange losses',
    });
  const general = await journalOfType(tx.db, companyId, 'general');
  const entry = await postEntry(tx, {
    journalId: general.id,
    date,
    description: `Revaluation of open items in foreign currencies at ${date}`,
    sourceType: REVALUATION,
    sourceId: date,
    lines,
  });
  await numberPending(tx);
  const reversal = await reverseEntry(tx, entry.id, {
    date: nextDay(date),
    reason: 'revaluation reversed the next day',
  });
  await matchWithReversal(tx, entry.id, reversal.id);
  return {
    date,
    entryId: entry.id,
    reversalId: reversal.id,
    adjustedItems: items.length,
    gain: fromMinor(gain, currencyCode),
    loss: fromMinor(loss, currencyCode),
  };
}

// Each adjustment is matched with its reversal, so neither stays among the open items.
async function matchWithReversal(tx: Tx, entryId: string, reversalId: string): Promise<void> {
  const linesOf = (id: string) =>
    tx.db
      .select()
      .from(accountingEntryLines)
      .where(and(eq(accountingEntryLines.companyId, tx.ctx.companyId), eq(accountingEntryLines.entryId, id)))
      .orderBy(asc(accountingEntryLines.lineNo));
  const [original, mirror] = [await linesOf(entryId), await linesOf(reversalId)];
  for (const [index, line] of original.entries()) {
    if (!line.partnerId) continue;
    const other = mirror[index]!;
    const [debit, credit] = line.debitMinor > 0 ? [line, other] : [other, line];
    await allocate(tx, {
      debitLineId: debit.id,
      creditLineId: credit.id,
      amountMinor: line.debitMinor + line.creditMinor,
      amountCurrencyMinor: 0,
    });
  }
}
