import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { AccountingErrors } from '../errors.ts';
import { accountingAllocations } from './schema.ts';

/** A line of a reconcilable account and what of it is still open. Amounts are positive. */
export type OpenItem = {
  lineId: string;
  entryId: string;
  entryNumber: string | null;
  date: string;
  dueDate: string | null;
  accountId: string;
  partnerId: string | null;
  side: 'debit' | 'credit';
  currencyCode: string;
  amountMinor: number;
  amountCurrencyMinor: number;
  residualMinor: number;
  residualCurrencyMinor: number;
};

type ItemRow = {
  line_id: string;
  entry_id: string;
  number: string | null;
  date: string;
  due_date: string | null;
  account_id: string;
  partner_id: string | null;
  debit_minor: number | string;
  credit_minor: number | string;
  currency_code: string;
  amount_currency_minor: number | string;
  matched: number | string;
  matched_currency: number | string;
};

function toItem(row: ItemRow): OpenItem {
  const debit = Number(row.debit_minor);
  const amountMinor = debit + Number(row.credit_minor);
  const amountCurrencyMinor = Math.abs(Number(row.amount_currency_minor));
  return {
    lineId: row.line_id,
    entryId: row.entry_id,
    entryNumber: row.number,
    date: row.date,
    dueDate: row.due_date,
    accountId: row.account_id,
    partnerId: row.partner_id,
    side: debit > 0 ? 'debit' : 'credit',
    currencyCode: row.currency_code,
    amountMinor,
    amountCurrencyMinor,
    residualMinor: amountMinor - Number(row.matched),
    residualCurrencyMinor: amountCurrencyMinor - Number(row.matched_currency),
  };
}

const itemSelect = sql`select l.id as line_id, l.entry_id, e.number, to_char(l.date, 'YYYY-MM-DD') as date,
         to_char(l.due_date, 'YYYY-MM-DD') as due_date, l.account_id, l.partner_id, l.debit_minor, l.credit_minor,
         l.currency_code, l.amount_currency_minor,
         coalesce((select sum(x.amount_minor) from accounting_allocations x
                    where x.company_id = l.company_id and x.released_at is null
                      and (x.debit_line_id = l.id or x.credit_line_id = l.id)), 0)::bigint as matched,
         coalesce((select sum(x.amount_currency_minor) from accounting_allocations x
                    where x.company_id = l.company_id and x.released_at is null
                      and (x.debit_line_id = l.id or x.credit_line_id = l.id)), 0)::bigint as matched_currency
    from accounting_entry_lines l
    join accounting_entries e on e.company_id = l.company_id and e.id = l.entry_id`;

export async function itemsByLine(
  db: Executor,
  companyId: string,
  lineIds: string[],
): Promise<Map<string, OpenItem>> {
  if (lineIds.length === 0) return new Map();
  const rows = await queryRows<ItemRow>(
    db,
    sql`${itemSelect} where l.company_id = ${companyId} and l.id in (${sql.join(
      lineIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((row) => [row.line_id, toItem(row)]));
}

/** A partner's open items on reconcilable accounts (receivables, payables), oldest first. */
export async function openItems(
  db: Executor,
  companyId: string,
  query: { partnerId?: string | undefined; accountId?: string | undefined },
): Promise<OpenItem[]> {
  const rows = await queryRows<ItemRow>(
    db,
    sql`select * from (${itemSelect}
          join accounting_accounts a on a.company_id = l.company_id and a.id = l.account_id and a.reconcilable
         where l.company_id = ${companyId}
           ${query.partnerId ? sql`and l.partner_id = ${query.partnerId}` : sql``}
           ${query.accountId ? sql`and l.account_id = ${query.accountId}` : sql``}) items
       where items.debit_minor + items.credit_minor > items.matched
       order by items.date, items.line_id
       limit 2000`,
  );
  return rows.map(toItem);
}

// Matches on one line wait for each other (lines themselves are immutable, so no row lock):
// advisory locks taken in a fixed order.
async function lockLines(tx: Tx, lineIds: string[]): Promise<void> {
  for (const id of [...new Set(lineIds)].sort()) {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('accounting.line'), hashtext(${id}))`);
  }
}

/**
 * Matches a debit line against a credit line for an amount in company currency and in their
 * currency, within what remains open on each. Refuses a match of other accounts or partners.
 */
export async function allocate(
  tx: Tx,
  input: { debitLineId: string; creditLineId: string; amountMinor: number; amountCurrencyMinor: number },
): Promise<string> {
  const { companyId } = tx.ctx;
  await lockLines(tx, [input.debitLineId, input.creditLineId]);
  const items = await itemsByLine(tx.db, companyId, [input.debitLineId, input.creditLineId]);
  const debit = items.get(input.debitLineId);
  const credit = items.get(input.creditLineId);
  if (!debit || !credit || debit.side !== 'debit' || credit.side !== 'credit') {
    throw AccountingErrors.allocation_invalid('a match pairs a debit line with a credit line');
  }
  if (debit.accountId !== credit.accountId || debit.partnerId !== credit.partnerId) {
    throw AccountingErrors.allocation_invalid('a match pairs lines of one account and one partner');
  }
  for (const item of [debit, credit]) {
    if (input.amountMinor > item.residualMinor || input.amountCurrencyMinor > item.residualCurrencyMinor) {
      throw AccountingErrors.allocation_exceeds_open_amount(
        `line ${item.lineId} of ${item.entryNumber} has ${item.residualMinor} open, not ${input.amountMinor}`,
      );
    }
  }
  const id = newId();
  await tx.db.insert(accountingAllocations).values({ companyId, id, ...input, createdBy: tx.ctx.actor.id });
  tx.audit('accounting.allocation', id, 'create', {
    debitLineId: { old: null, new: input.debitLineId },
    creditLineId: { old: null, new: input.creditLineId },
    amountMinor: { old: null, new: input.amountMinor },
  });
  return id;
}

/** What a customer owes on receivable accounts (debit balance), in company minor units. */
export async function receivableBalanceMinor(
  db: Executor,
  companyId: string,
  partnerId: string,
): Promise<number> {
  const [row] = await queryRows<{ balance: number | string }>(
    db,
    sql`select coalesce(sum(l.debit_minor - l.credit_minor), 0)::bigint as balance
          from accounting_entry_lines l
          join accounting_accounts a on a.company_id = l.company_id and a.id = l.account_id and a.kind = 'receivable'
         where l.company_id = ${companyId} and l.partner_id = ${partnerId}`,
  );
  return Number(row?.balance ?? 0);
}
