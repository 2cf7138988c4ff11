import { and, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { isKnownCurrency } from '../../../shared/money.ts';
import type { ExchangeRate, SetExchangeRateInput } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { accountingExchangeRates } from './schema.ts';
import { getSettings } from './settings.ts';

/** Records (or corrects) the rate of a currency on a date. */
export async function setExchangeRate(tx: Tx, input: SetExchangeRateInput): Promise<ExchangeRate> {
  const { companyId } = tx.ctx;
  const settings = await getSettings(tx.db, companyId);
  if (!isKnownCurrency(input.currencyCode) || input.currencyCode === settings.currencyCode) {
    throw AccountingErrors.currency_invalid(
      input.currencyCode === settings.currencyCode
        ? `${input.currencyCode} is the company currency`
        : `${input.currencyCode} is not an ISO 4217 currency`,
    );
  }
  if (!/[1-9]/.test(input.rate)) throw AccountingErrors.currency_invalid('a rate is greater than zero');
  const [before] = await tx.db
    .select()
    .from(accountingExchangeRates)
    .where(
      and(
        eq(accountingExchangeRates.companyId, companyId),
        eq(accountingExchangeRates.currencyCode, input.currencyCode),
        eq(accountingExchangeRates.date, input.date),
      ),
    );
  const [row] = await tx.db
    .insert(accountingExchangeRates)
    .values({ companyId, ...input, createdBy: tx.ctx.actor.id, updatedBy: tx.ctx.actor.id })
    .onConflictDoUpdate({
      target: [
        accountingExchangeRates.companyId,
        accountingExchangeRates.currencyCode,
        accountingExchangeRates.date,
      ],
      set: { rate: input.rate, updatedAt: new Date(), updatedBy: tx.ctx.actor.id },
    })
    .returning();
  tx.audit('accounting.exchange_rate', `${input.currencyCode}:${input.date}`, before ? 'update' : 'create', {
    rate: { old: before?.rate ?? null, new: row!.rate },
  });
  return { currencyCode: row!.currencyCode, date: row!.date, rate: row!.rate };
}

/** The latest rate on or before `date`; refuses when none is known. */
export async function rateOn(
  db: Executor,
  companyId: string,
  currencyCode: string,
  date: string,
): Promise<string> {
  const [row] = await db
    .select({ rate: accountingExchangeRates.rate })
    .from(accountingExchangeRates)
    .where(
      and(
        eq(accountingExchangeRates.companyId, companyId),
        eq(accountingExchangeRates.currencyCode, currencyCode),
        lte(accountingExchangeRates.date, date),
      ),
    )
    .orderBy(desc(accountingExchangeRates.date))
    .limit(1);
  if (!row) throw AccountingErrors.no_exchange_rate(`no ${currencyCode} rate is known on or before ${date}`);
  return row.rate;
}

export async function listExchangeRates(
  db: Executor,
  companyId: string,
  currencyCode?: string,
): Promise<ExchangeRate[]> {
  const rows = await db
    .select()
    .from(accountingExchangeRates)
    .where(
      and(
        eq(accountingExchangeRates.companyId, companyId),
        currencyCode ? eq(accountingExchangeRates.currencyCode, currencyCode) : undefined,
      ),
    )
    .orderBy(desc(accountingExchangeRates.date))
    .limit(1000);
  return rows.map((row) => ({ currencyCode: row.currencyCode, date: row.date, rate: row.rate }));
}
