import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import type { FiscalYear } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { YEAR_END_CLOSE } from '../reports/statements.ts';
import { accountFor } from './accounts.ts';
import { getFiscalYear } from './fiscal-years.ts';
import { journalOfType } from './journals.ts';
import { numberPending } from './numbering.ts';
import { type PostingLine, postEntry } from './post-entry.ts';
import { accountingFiscalYears } from './schema.ts';

/**
 * Closes a fiscal year: one entry on its last day moves every income and expense account's
 * balance to retained earnings, then the year takes no more postings. Refused for a year that is
 * closed or that follows a year still open.
 */
export async function closeFiscalYear(tx: Tx, fiscalYearId: string): Promise<FiscalYear> {
  const { companyId } = tx.ctx;
  const [year] = await tx.db
    .select()
    .from(accountingFiscalYears)
    .where(and(eq(accountingFiscalYears.companyId, companyId), eq(accountingFiscalYears.id, fiscalYearId)))
    .for('update');
  if (!year) throw AccountingErrors.fiscal_year_not_found(`no fiscal year has the id ${fiscalYearId}`);
  if (year.closedAt) throw AccountingErrors.fiscal_year_closed(`fiscal year ${year.name} is closed already`);
  const [earlier] = await tx.db
    .select({ name: accountingFiscalYears.name })
    .from(accountingFiscalYears)
    .where(
      and(
        eq(accountingFiscalYears.companyId, companyId),
        sql`${accountingFiscalYears.endDate} < ${year.startDate}`,
        sql`${accountingFiscalYears.closedAt} is null`,
      ),
    );
  if (earlier) throw AccountingErrors.fiscal_year_closed(`close fiscal year ${earlier.name} first`);
  const balances = await queryRows<{ account_id: string; balance: number | string }>(
    tx.db,
    sql`select l.account_id, sum(l.debit_minor - l.credit_minor)::bigint as balance
          from accounting_entry_lines l
          join accounting_accounts a on a.company_id = l.company_id and a.id = l.account_id and a.type in ('income', 'expense')
         where l.company_id = ${companyId} and l.date between ${year.startDate} and ${year.endDate}
         group by l.account_id having sum(l.debit_minor - l.credit_minor) <> 0
         order by l.account_id`,
  );
  if (balances.length > 0) {
    const lines: PostingLine[] = balances.map((row) => {
      const balance = Number(row.balance);
      return {
        accountId: row.account_id,
        debitMinor: balance < 0 ? -balance : 0,
        creditMinor: Math.max(balance, 0),
      };
    });
    const profitMinor = -balances.reduce((sum, row) => sum + Number(row.balance), 0);
    if (profitMinor !== 0) {
      const retained = await accountFor(tx.db, companyId, 'retained_earnings');
      lines.push({
        accountId: retained.id,
        debitMinor: profitMinor < 0 ? -profitMinor : 0,
        creditMinor: Math.max(profitMinor, 0),
        description: profitMinor > 0 ? 'Profit of the year' : 'Loss of the year',
      });
    }
    const general = await journalOfType(tx.db, companyId, 'general');
    await postEntry(tx, {
      journalId: general.id,
      date: year.endDate,
      description: `Year-end close ${year.name}`,
      sourceType: YEAR_END_CLOSE,
      sourceId: year.id,
      lines,
    });
    await numberPending(tx);
  }
  await tx.db
    .update(accountingFiscalYears)
    .set({
      closedAt: new Date(),
      version: year.version + 1,
      updatedAt: new Date(),
      updatedBy: tx.ctx.actor.id,
    })
    .where(and(eq(accountingFiscalYears.companyId, companyId), eq(accountingFiscalYears.id, year.id)));
  tx.audit('accounting.fiscal_year', year.id, 'close', { closed: { old: false, new: true } });
  return getFiscalYear(tx.db, companyId, year.id);
}
