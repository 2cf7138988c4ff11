import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { accountingEntries, accountingSequences } from './schema.ts';

export type Unnumbered = {
  entryId: string;
  journalId: string;
  journalCode: string;
  fiscalYearId: string;
  fiscalYearName: string;
  /** Runs once the entry has its number (audit, events). */
  numbered: (number: string) => Promise<void>;
};

const pending = new WeakMap<Tx, Unnumbered[]>();

/**
 * Numbers the entry as the last step of its transaction: the journal's counter for the fiscal
 * year is locked from then until commit only, and a rolled-back transaction gives its numbers
 * back, so numbers have no gaps.
 */
export function numberBeforeCommit(tx: Tx, entry: Unnumbered): void {
  const queue = pending.get(tx) ?? [];
  pending.set(tx, queue);
  queue.push(entry);
  tx.beforeCommit('accounting.entry-numbering', () => numberPending(tx));
}

/**
 * Numbers the entries posted so far in this transaction now, for a caller whose posting is the
 * last thing it does and whose answer shows the number.
 */
export async function numberPending(tx: Tx): Promise<void> {
  const queue = pending.get(tx) ?? [];
  while (queue.length > 0) {
    const batch = queue.splice(0);
    // Counters are taken in one fixed order, so two transactions never wait on each other's.
    const groups = new Map<string, Unnumbered[]>();
    for (const entry of batch) {
      const key = `${entry.journalId}|${entry.fiscalYearId}`;
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    for (const key of [...groups.keys()].sort()) {
      const entries = groups.get(key)!;
      const last = await takeNumbers(tx, entries[0]!.journalId, entries[0]!.fiscalYearId, entries.length);
      let sequence = last - entries.length;
      for (const entry of entries) {
        sequence += 1;
        const number = `${entry.journalCode}/${entry.fiscalYearName}/${String(sequence).padStart(5, '0')}`;
        await tx.db
          .update(accountingEntries)
          .set({ number, sequenceNumber: sequence })
          .where(
            and(eq(accountingEntries.companyId, tx.ctx.companyId), eq(accountingEntries.id, entry.entryId)),
          );
        await entry.numbered(number);
      }
    }
  }
}

async function takeNumbers(tx: Tx, journalId: string, fiscalYearId: string, count: number): Promise<number> {
  const [row] = await tx.db
    .insert(accountingSequences)
    .values({ companyId: tx.ctx.companyId, journalId, fiscalYearId, lastNumber: count })
    .onConflictDoUpdate({
      target: [
        accountingSequences.companyId,
        accountingSequences.journalId,
        accountingSequences.fiscalYearId,
      ],
      set: { lastNumber: sql`${accountingSequences.lastNumber} + ${count}` },
    })
    .returning({ lastNumber: accountingSequences.lastNumber });
  return row!.lastNumber;
}
