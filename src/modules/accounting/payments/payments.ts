import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { fromMinor } from '../../../shared/money.ts';
import { AccountingErrors } from '../errors.ts';
import { exactMinor } from '../ledger/entries.ts';
import { accountingEntries } from '../ledger/schema.ts';
import { allocate, itemsByLine } from '../matching/allocations.ts';
import { accountingAllocations } from '../matching/schema.ts';
import type { MatchInput, Payment } from './contracts.ts';
import { accountingPayments } from './schema.ts';

type PaymentRow = typeof accountingPayments.$inferSelect;

async function toPayments(db: Executor, companyId: string, rows: PaymentRow[]): Promise<Payment[]> {
  if (rows.length === 0) return [];
  const entryIds = rows.map((row) => row.entryId);
  const entries = await db
    .select({ id: accountingEntries.id, number: accountingEntries.number })
    .from(accountingEntries)
    .where(and(eq(accountingEntries.companyId, companyId), inArray(accountingEntries.id, entryIds)));
  // What each payment's partner lines matched, and the invoices whose open items those were; what
  // they still have open is the partner's credit.
  const matches = await queryRows<{ entry_id: string; invoice_id: string | null; amount: number | string }>(
    db,
    sql`select pl.entry_id, i.id as invoice_id, sum(x.amount_currency_minor)::bigint as amount
          from accounting_entry_lines pl
          join accounting_allocations x on x.company_id = pl.company_id and x.released_at is null
                                       and (x.debit_line_id = pl.id or x.credit_line_id = pl.id)
          left join accounting_invoices i on i.company_id = pl.company_id
                                          and i.open_item_line_id = case when x.debit_line_id = pl.id then x.credit_line_id else x.debit_line_id end
         where pl.company_id = ${companyId} and pl.partner_id is not null
           and pl.entry_id in (${sql.join(
             entryIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
         group by pl.entry_id, i.id`,
  );
  return rows.map((row) => {
    const own = matches.filter((m) => m.entry_id === row.entryId);
    const allocated = own.reduce((sum, m) => sum + Number(m.amount), 0);
    const unallocatedMinor = row.amountMinor - allocated;
    return {
      id: row.id,
      direction: row.direction,
      partnerId: row.partnerId,
      journalId: row.journalId,
      date: row.date,
      amount: fromMinor(row.amountMinor, row.currencyCode),
      amountMinor: row.amountMinor,
      currencyCode: row.currencyCode,
      reference: row.reference,
      entryId: row.entryId,
      entryNumber: entries.find((e) => e.id === row.entryId)?.number ?? null,
      unallocated: fromMinor(unallocatedMinor, row.currencyCode),
      unallocatedMinor,
      allocations: own.map((m) => ({
        invoiceId: m.invoice_id,
        amount: fromMinor(Number(m.amount), row.currencyCode),
        amountMinor: Number(m.amount),
      })),
    };
  });
}

export async function getPayment(db: Executor, companyId: string, id: string): Promise<Payment> {
  const [row] = await db
    .select()
    .from(accountingPayments)
    .where(and(eq(accountingPayments.companyId, companyId), eq(accountingPayments.id, id)));
  if (!row) throw AccountingErrors.payment_not_found(`no payment has the id ${id}`);
  const [payment] = await toPayments(db, companyId, [row]);
  return payment!;
}

export async function listPayments(
  db: Executor,
  companyId: string,
  query: { partnerId?: string | undefined; limit: number },
): Promise<Payment[]> {
  const rows = await db
    .select()
    .from(accountingPayments)
    .where(
      and(
        eq(accountingPayments.companyId, companyId),
        query.partnerId ? eq(accountingPayments.partnerId, query.partnerId) : undefined,
      ),
    )
    .orderBy(desc(accountingPayments.date), desc(accountingPayments.id))
    .limit(query.limit);
  return toPayments(db, companyId, rows);
}

/** Matches two open items by hand (a payment made earlier with an invoice, a refund with a credit note). */
export async function matchLines(tx: Tx, input: MatchInput): Promise<{ allocationId: string }> {
  const { companyId } = tx.ctx;
  const items = await itemsByLine(tx.db, companyId, [input.debitLineId, input.creditLineId]);
  const debit = items.get(input.debitLineId);
  const credit = items.get(input.creditLineId);
  if (!debit || !credit) throw AccountingErrors.line_not_found('no such debit or credit line');
  if (debit.currencyCode !== credit.currencyCode) {
    throw AccountingErrors.allocation_invalid(
      `the lines are in ${debit.currencyCode} and ${credit.currencyCode}`,
    );
  }
  const currencyMinor = input.amount
    ? exactMinor(input.amount, debit.currencyCode, 'amount')
    : Math.min(debit.residualCurrencyMinor, credit.residualCurrencyMinor);
  const share = (item: typeof debit) =>
    currencyMinor === item.residualCurrencyMinor
      ? item.residualMinor
      : Math.round((item.residualMinor * currencyMinor) / Math.max(item.residualCurrencyMinor, 1));
  const amountMinor = Math.min(share(debit), share(credit));
  const allocationId = await allocate(tx, {
    debitLineId: input.debitLineId,
    creditLineId: input.creditLineId,
    amountMinor,
    amountCurrencyMinor: currencyMinor,
  });
  return { allocationId };
}

/** Undoes a match: the allocation is released (kept, for the audit), the items open again. */
export async function releaseAllocation(tx: Tx, allocationId: string): Promise<void> {
  const [released] = await tx.db
    .update(accountingAllocations)
    .set({ releasedAt: new Date(), releasedBy: tx.ctx.actor.id })
    .where(
      and(
        eq(accountingAllocations.companyId, tx.ctx.companyId),
        eq(accountingAllocations.id, allocationId),
        isNull(accountingAllocations.releasedAt),
      ),
    )
    .returning({ id: accountingAllocations.id });
  if (!released) throw AccountingErrors.allocation_not_found(`no active match ${allocationId}`);
  tx.audit('accounting.allocation', allocationId, 'release', { released: { old: false, new: true } });
}
