// Posting rules for the till: in-transaction subscribers, so a sale and its journal entry commit
// together or not at all, and the till never imports accounting. Rules name account purposes
// (mapped per company), never account codes.

import type { z } from 'zod';
import type { Tx } from '../../../platform/db/tx.ts';
import type { DeliveredEvent, InTransactionSubscriber } from '../../../platform/events/registry.ts';
import { CashMoved, SaleCompleted, ShiftClosed } from '../../pos/index.ts';
import { accountFor } from '../ledger/accounts.ts';
import { getJournal, journalOfType } from '../ledger/journals.ts';
import { type PostingLine, postEntry } from '../ledger/post-entry.ts';
import { isSetUp } from '../ledger/settings.ts';
import { appliedTaxes } from '../taxes/taxes.ts';

/** A signed amount as a line: positive on `side`, negative on the other. */
function line(
  accountId: string,
  side: 'debit' | 'credit',
  signedMinor: number,
  extra: Partial<PostingLine> = {},
): PostingLine | null {
  if (signedMinor === 0) return null;
  const onSide = signedMinor > 0 ? side : side === 'debit' ? 'credit' : 'debit';
  const amount = Math.abs(signedMinor);
  return {
    accountId,
    debitMinor: onSide === 'debit' ? amount : 0,
    creditMinor: onSide === 'credit' ? amount : 0,
    ...extra,
  };
}

async function cashJournal(tx: Tx, journalId: string | null) {
  return journalId
    ? getJournal(tx.db, tx.ctx.companyId, journalId)
    : journalOfType(tx.db, tx.ctx.companyId, 'cash');
}

type SalePayload = z.output<typeof SaleCompleted.schema>;

async function saleLines(tx: Tx, sale: SalePayload, cashAccountId: string): Promise<PostingLine[]> {
  const { companyId } = tx.ctx;
  const lines: (PostingLine | null)[] = [];
  for (const payment of sale.payments) {
    const accountId =
      payment.method === 'cash'
        ? cashAccountId
        : (
            await accountFor(
              tx.db,
              companyId,
              payment.method === 'card' ? 'card_clearing' : 'customer_deposits',
            )
          ).id;
    const partnerId = payment.method === 'store_credit' ? sale.customerId : null;
    lines.push(
      line(accountId, 'debit', payment.amountMinor, {
        partnerId,
        description: `${payment.method} ${sale.receiptNumber}`,
      }),
    );
  }
  const revenue = await accountFor(tx.db, companyId, 'revenue');
  for (const part of sale.revenue) {
    const zeroTax =
      part.taxId && sale.taxes.find((t) => t.taxId === part.taxId && t.amountMinor === 0) ? part.taxId : null;
    lines.push(
      line(revenue.id, 'credit', part.netMinor, {
        taxId: zeroTax,
        description: `Sales ${sale.receiptNumber}`,
      }),
    );
  }
  for (const tax of sale.taxes) {
    if (tax.amountMinor === 0) continue;
    const [definition] = await appliedTaxes(tx.db, companyId, [tax.taxId], 'sale');
    lines.push(
      line(definition!.accountId, 'credit', tax.amountMinor, {
        taxId: tax.taxId,
        taxBaseMinor: tax.baseMinor,
        description: definition!.name,
      }),
    );
  }
  if (sale.roundingMinor !== 0) {
    const rounding = await accountFor(tx.db, companyId, 'cash_difference');
    lines.push(line(rounding.id, 'credit', sale.roundingMinor, { description: 'Cash rounding' }));
  }
  return lines.filter((l): l is PostingLine => l !== null);
}

// Books without accounting set up: the till still sells; nothing is posted.
async function whenBooksKept(tx: Tx, post: () => Promise<void>): Promise<void> {
  if (await isSetUp(tx.db, tx.ctx.companyId)) await post();
}

async function postSale(tx: Tx, event: DeliveredEvent<SalePayload>): Promise<void> {
  const sale = event.payload;
  await whenBooksKept(tx, async () => {
    const journal = await cashJournal(tx, sale.cashJournalId);
    await postEntry(tx, {
      journalId: journal.id,
      date: sale.date,
      reference: sale.receiptNumber,
      description: `${sale.kind === 'return' ? 'Refund' : 'Sale'} ${sale.receiptNumber}`,
      sourceType: 'pos.sale',
      sourceId: sale.saleId,
      lines: await saleLines(tx, sale, journal.defaultAccountId!),
    });
  });
}

async function postVariance(
  tx: Tx,
  event: DeliveredEvent<z.output<typeof ShiftClosed.schema>>,
): Promise<void> {
  const shift = event.payload;
  if (shift.varianceMinor === 0) return;
  await whenBooksKept(tx, async () => {
    const journal = await cashJournal(tx, shift.cashJournalId);
    const difference = await accountFor(tx.db, tx.ctx.companyId, 'cash_difference');
    await postEntry(tx, {
      journalId: journal.id,
      date: shift.date,
      description: `Cash ${shift.varianceMinor > 0 ? 'over' : 'short'} at shift close`,
      sourceType: 'pos.shift_variance',
      sourceId: shift.shiftId,
      lines: [
        line(journal.defaultAccountId!, 'debit', shift.varianceMinor)!,
        line(difference.id, 'credit', shift.varianceMinor)!,
      ],
    });
  });
}

// Cash taken out goes to the bank (money in transit, the bank suspense account) and cash put in
// comes from it.
async function postCashMove(tx: Tx, event: DeliveredEvent<z.output<typeof CashMoved.schema>>): Promise<void> {
  const move = event.payload;
  await whenBooksKept(tx, async () => {
    const journal = await cashJournal(tx, move.cashJournalId);
    const transit = await accountFor(tx.db, tx.ctx.companyId, 'bank_suspense');
    const signed = move.direction === 'in' ? move.amountMinor : -move.amountMinor;
    await postEntry(tx, {
      journalId: journal.id,
      date: move.date,
      description: `Cash ${move.direction}: ${move.reason}`,
      sourceType: 'pos.cash_move',
      sourceId: move.moveId,
      lines: [line(journal.defaultAccountId!, 'debit', signed)!, line(transit.id, 'credit', signed)!],
    });
  });
}

export const posPostingRules = [
  { name: 'accounting.post-pos-sale', event: SaleCompleted, handle: postSale },
  { name: 'accounting.post-shift-variance', event: ShiftClosed, handle: postVariance },
  { name: 'accounting.post-cash-move', event: CashMoved, handle: postCashMove },
] as unknown as InTransactionSubscriber[];
