import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import type { CreateFiscalYearInput, FiscalYear } from '../contracts.ts';
import { AccountingErrors } from '../errors.ts';
import { accountingFiscalYears, accountingPeriods } from './schema.ts';
import { getSettings } from './settings.ts';

const MAX_FISCAL_YEAR_MONTHS = 18;

// Calendar arithmetic on YYYY-MM-DD strings in UTC, so no time zone shifts a date.
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
function addDays(date: string, days: number): string {
  const next = day(date);
  next.setUTCDate(next.getUTCDate() + days);
  return iso(next);
}
function monthEnd(date: string): string {
  const d = day(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/** Calendar-month periods from start to end; the first and last may be partial months. */
export function monthlyPeriods(startDate: string, endDate: string): { startDate: string; endDate: string }[] {
  const periods: { startDate: string; endDate: string }[] = [];
  for (let start = startDate; start <= endDate; ) {
    const end = monthEnd(start) < endDate ? monthEnd(start) : endDate;
    periods.push({ startDate: start, endDate: end });
    start = addDays(end, 1);
  }
  return periods;
}

/** A fiscal year with its monthly periods. Refuses one that overlaps another. */
export async function createFiscalYear(tx: Tx, input: CreateFiscalYearInput): Promise<FiscalYear> {
  const { companyId } = tx.ctx;
  await getSettings(tx.db, companyId);
  const periods = monthlyPeriods(input.startDate, input.endDate);
  if (input.endDate < input.startDate || periods.length > MAX_FISCAL_YEAR_MONTHS) {
    throw AccountingErrors.fiscal_year_invalid(`${input.startDate} to ${input.endDate}`);
  }
  // Serialise fiscal-year changes per company so that two overlapping years cannot both pass.
  await tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtext('accounting.fiscal_year'), hashtext(${companyId}))`,
  );
  const [overlap] = await tx.db
    .select({ name: accountingFiscalYears.name })
    .from(accountingFiscalYears)
    .where(
      and(
        eq(accountingFiscalYears.companyId, companyId),
        lte(accountingFiscalYears.startDate, input.endDate),
        gte(accountingFiscalYears.endDate, input.startDate),
      ),
    );
  if (overlap) throw AccountingErrors.fiscal_year_overlap(`it overlaps fiscal year ${overlap.name}`);
  const id = newId();
  const name =
    input.name ??
    (input.startDate.slice(0, 4) === input.endDate.slice(0, 4)
      ? input.startDate.slice(0, 4)
      : `${input.startDate.slice(0, 4)}/${input.endDate.slice(0, 4)}`);
  const actor = tx.ctx.actor.id;
  await tx.db
    .insert(accountingFiscalYears)
    .values({
      companyId,
      id,
      name,
      startDate: input.startDate,
      endDate: input.endDate,
      createdBy: actor,
      updatedBy: actor,
    })
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'accounting_fiscal_years_name_unique') {
        throw AccountingErrors.fiscal_year_overlap(`a fiscal year is named ${name} already`);
      }
      throw error;
    });
  await tx.db.insert(accountingPeriods).values(
    periods.map((period) => ({
      companyId,
      id: newId(),
      fiscalYearId: id,
      ...period,
      createdBy: actor,
      updatedBy: actor,
    })),
  );
  const year = await getFiscalYear(tx.db, companyId, id);
  tx.audit('accounting.fiscal_year', id, 'create', {
    name: { old: null, new: name },
    startDate: { old: null, new: input.startDate },
    endDate: { old: null, new: input.endDate },
  });
  return year;
}

export async function listFiscalYears(db: Executor, companyId: string): Promise<FiscalYear[]> {
  const years = await db
    .select()
    .from(accountingFiscalYears)
    .where(eq(accountingFiscalYears.companyId, companyId))
    .orderBy(asc(accountingFiscalYears.startDate));
  const periods = await db
    .select()
    .from(accountingPeriods)
    .where(eq(accountingPeriods.companyId, companyId))
    .orderBy(asc(accountingPeriods.startDate));
  return years.map((year) => ({
    id: year.id,
    name: year.name,
    startDate: year.startDate,
    endDate: year.endDate,
    closed: year.closedAt !== null,
    periods: periods
      .filter((p) => p.fiscalYearId === year.id)
      .map((p) => ({ id: p.id, startDate: p.startDate, endDate: p.endDate, locked: p.lockedAt !== null })),
  }));
}

export async function getFiscalYear(db: Executor, companyId: string, id: string): Promise<FiscalYear> {
  const year = (await listFiscalYears(db, companyId)).find((y) => y.id === id);
  if (!year) throw AccountingErrors.fiscal_year_not_found(`no fiscal year has the id ${id}`);
  return year;
}

export type OpenPeriod = {
  periodId: string;
  fiscalYearId: string;
  fiscalYearName: string;
  startDate: string;
};

/**
 * The open period a posting dated `date` goes into, share-locked until commit so that nobody
 * locks it meanwhile. Refuses a date outside every fiscal year, in a locked period or closed
 * year, or on or before the company's lock date.
 */
export async function openPeriodFor(tx: Tx, date: string, lockDate: string | null): Promise<OpenPeriod> {
  if (lockDate !== null && date <= lockDate) {
    throw AccountingErrors.period_locked(`the books are locked up to ${lockDate}; ${date} cannot be posted`);
  }
  const [row] = await tx.db
    .select({
      periodId: accountingPeriods.id,
      lockedAt: accountingPeriods.lockedAt,
      fiscalYearId: accountingFiscalYears.id,
      fiscalYearName: accountingFiscalYears.name,
      closedAt: accountingFiscalYears.closedAt,
      startDate: accountingFiscalYears.startDate,
    })
    .from(accountingPeriods)
    .innerJoin(
      accountingFiscalYears,
      and(
        eq(accountingFiscalYears.companyId, accountingPeriods.companyId),
        eq(accountingFiscalYears.id, accountingPeriods.fiscalYearId),
      ),
    )
    .where(
      and(
        eq(accountingPeriods.companyId, tx.ctx.companyId),
        lte(accountingPeriods.startDate, date),
        gte(accountingPeriods.endDate, date),
      ),
    )
    .for('share', { of: accountingPeriods });
  if (!row) throw AccountingErrors.no_fiscal_year(`no fiscal year covers ${date}; create one first`);
  if (row.closedAt) throw AccountingErrors.fiscal_year_closed(`fiscal year ${row.fiscalYearName} is closed`);
  if (row.lockedAt) throw AccountingErrors.period_locked(`the period of ${date} is locked`);
  return {
    periodId: row.periodId,
    fiscalYearId: row.fiscalYearId,
    fiscalYearName: row.fiscalYearName,
    startDate: row.startDate,
  };
}

/** Locks or unlocks a period; the update lock waits for postings in flight into it. */
export async function setPeriodLocked(tx: Tx, periodId: string, locked: boolean): Promise<FiscalYear> {
  const { companyId } = tx.ctx;
  const [period] = await tx.db
    .select()
    .from(accountingPeriods)
    .where(and(eq(accountingPeriods.companyId, companyId), eq(accountingPeriods.id, periodId)))
    .for('update');
  if (!period) throw AccountingErrors.period_not_found(`no period has the id ${periodId}`);
  if ((period.lockedAt !== null) !== locked) {
    await tx.db
      .update(accountingPeriods)
      .set({
        lockedAt: locked ? new Date() : null,
        lockedBy: locked ? tx.ctx.actor.id : null,
        version: period.version + 1,
        updatedAt: new Date(),
        updatedBy: tx.ctx.actor.id,
      })
      .where(and(eq(accountingPeriods.companyId, companyId), eq(accountingPeriods.id, periodId)));
    tx.audit('accounting.period', periodId, locked ? 'lock' : 'unlock', {
      locked: { old: !locked, new: locked },
    });
  }
  return getFiscalYear(tx.db, companyId, period.fiscalYearId);
}
