import { Decimal } from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import type { CloseShiftInput, Shift, ShiftReport } from '../contracts.ts';
import { PosErrors } from '../errors.ts';
import { CashMoved, ShiftClosed } from '../events.ts';
import { posCashMoves, posShifts } from '../schema.ts';
import { registerRow } from './registers.ts';

type ShiftRow = typeof posShifts.$inferSelect;
const day = (date: Date) => date.toISOString().slice(0, 10);

function toShift(row: ShiftRow, currency: string): Shift {
  const money = (minor: number | null) => (minor === null ? null : fromMinor(minor, currency));
  return {
    id: row.id,
    registerId: row.registerId,
    state: row.state,
    openedAt: row.openedAt.toISOString(),
    openingFloat: fromMinor(row.openingFloatMinor, currency),
    closedAt: row.closedAt?.toISOString() ?? null,
    expectedCash: money(row.expectedCashMinor),
    countedCash: money(row.countedCashMinor),
    variance: money(row.varianceMinor),
  };
}

export async function shiftRow(db: Executor, companyId: string, id: string, lock = false): Promise<ShiftRow> {
  const query = db
    .select()
    .from(posShifts)
    .where(and(eq(posShifts.companyId, companyId), eq(posShifts.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw PosErrors.shift_not_found(`no shift has the id ${id}`);
  return row;
}

export async function openShift(tx: Tx, input: { registerId: string; openingFloat: string }): Promise<Shift> {
  const { companyId } = tx.ctx;
  const register = await registerRow(tx.db, companyId, input.registerId);
  const id = newId();
  await tx.db
    .insert(posShifts)
    .values({
      companyId,
      id,
      registerId: register.id,
      openedBy: tx.ctx.actor.id,
      openingFloatMinor: toMinor(input.openingFloat, register.currencyCode),
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'pos_shifts_one_open')
        throw PosErrors.shift_open_already(`register ${register.code} has an open shift`);
      throw error;
    });
  tx.audit('pos.shift', id, 'open', {
    register: { old: null, new: register.code },
    openingFloat: { old: null, new: input.openingFloat },
  });
  return toShift(await shiftRow(tx.db, companyId, id), register.currencyCode);
}

type Totals = { method: string; kind: string; amount: number | string; sales: number | string };

/** The X report of a shift (its Z report once closed): sales, returns, money by method, cash expected. */
export async function shiftReport(db: Executor, companyId: string, shiftId: string): Promise<ShiftReport> {
  const shift = await shiftRow(db, companyId, shiftId);
  const register = await registerRow(db, companyId, shift.registerId);
  const currency = register.currencyCode;
  const byMethod = await queryRows<Totals>(
    db,
    sql`select p.method, s.kind, sum(p.amount_minor)::bigint as amount, count(distinct s.id)::int as sales
          from pos_payments p join pos_sales s on s.company_id = p.company_id and s.id = p.sale_id
         where p.company_id = ${companyId} and s.shift_id = ${shiftId} group by p.method, s.kind`,
  );
  const [change] = await queryRows<{
    change: number | string;
    sales: number | string;
    returns: number | string;
    gross: number | string;
    refunds: number | string;
  }>(
    db,
    sql`select coalesce(sum(change_minor), 0)::bigint as change,
               count(*) filter (where kind = 'sale')::int as sales, count(*) filter (where kind = 'return')::int as returns,
               coalesce(sum(total_minor + rounding_minor) filter (where kind = 'sale'), 0)::bigint as gross,
               coalesce(sum(total_minor + rounding_minor) filter (where kind = 'return'), 0)::bigint as refunds
          from pos_sales where company_id = ${companyId} and shift_id = ${shiftId}`,
  );
  const taxes = await queryRows<{
    code: string;
    rate: string | null;
    base: number | string;
    tax: number | string;
  }>(
    db,
    sql`select t->>'code' as code, t->>'ratePercent' as rate,
               sum((case when s.kind = 'return' then -1 else 1 end) * (t->>'baseMinor')::bigint)::bigint as base,
               sum((case when s.kind = 'return' then -1 else 1 end) * (t->>'amountMinor')::bigint)::bigint as tax
          from pos_sales s, jsonb_array_elements(s.taxes) t
         where s.company_id = ${companyId} and s.shift_id = ${shiftId} group by 1, 2 order by 1`,
  );
  const [cash] = await queryRows<{ cash_in: number | string; cash_out: number | string }>(
    db,
    sql`select coalesce(sum(amount_minor) filter (where direction = 'in'), 0)::bigint as cash_in,
               coalesce(sum(amount_minor) filter (where direction = 'out'), 0)::bigint as cash_out
          from pos_cash_moves where company_id = ${companyId} and shift_id = ${shiftId}`,
  );
  const methods: Record<string, number> = {};
  for (const row of byMethod)
    methods[row.method] = (methods[row.method] ?? 0) + (row.kind === 'return' ? -1 : 1) * Number(row.amount);
  const cashSales = (methods.cash ?? 0) - Number(change?.change ?? 0);
  const expected =
    shift.openingFloatMinor + cashSales + Number(cash?.cash_in ?? 0) - Number(cash?.cash_out ?? 0);
  const money = (minor: number) => fromMinor(minor, currency);
  return {
    shiftId,
    registerId: shift.registerId,
    state: shift.state,
    openedAt: shift.openedAt.toISOString(),
    closedAt: shift.closedAt?.toISOString() ?? null,
    currencyCode: currency,
    sales: Number(change?.sales ?? 0),
    returns: Number(change?.returns ?? 0),
    grossSales: money(Number(change?.gross ?? 0)),
    grossReturns: money(Number(change?.refunds ?? 0)),
    byMethod: Object.fromEntries(
      Object.entries(methods).map(([method, minor]) => [
        method,
        money(method === 'cash' ? cashSales : minor),
      ]),
    ),
    byTax: taxes.map((t) => ({
      code: t.code,
      ratePercent: t.rate,
      base: money(Number(t.base)),
      tax: money(Number(t.tax)),
    })),
    openingFloat: money(shift.openingFloatMinor),
    cashIn: money(Number(cash?.cash_in ?? 0)),
    cashOut: money(Number(cash?.cash_out ?? 0)),
    expectedCash: money(expected),
    countedCash: shift.countedCashMinor === null ? null : money(shift.countedCashMinor),
    variance: shift.varianceMinor === null ? null : money(shift.varianceMinor),
  };
}

function counted(input: CloseShiftInput, currency: string): number {
  if (input.denominations) {
    const total = Object.entries(input.denominations).reduce(
      (sum, [value, count]) => sum.plus(new Decimal(value).times(count)),
      new Decimal(0),
    );
    return toMinor(total, currency);
  }
  if (input.countedCash === undefined)
    throw PosErrors.payment_invalid('give the counted cash or the count per denomination');
  return toMinor(input.countedCash, currency);
}

/** Closes a shift with the counted cash: the variance to what the till expected is posted. */
export async function closeShift(tx: Tx, shiftId: string, input: CloseShiftInput): Promise<ShiftReport> {
  const { companyId } = tx.ctx;
  const shift = await shiftRow(tx.db, companyId, shiftId, true);
  if (shift.state === 'closed') throw PosErrors.shift_closed('the shift is closed already');
  const register = await registerRow(tx.db, companyId, shift.registerId);
  const report = await shiftReport(tx.db, companyId, shiftId);
  const expectedMinor = toMinor(report.expectedCash, register.currencyCode);
  const countedMinor = counted(input, register.currencyCode);
  const varianceMinor = countedMinor - expectedMinor;
  const closedAt = new Date();
  await tx.db
    .update(posShifts)
    .set({
      state: 'closed',
      closedAt,
      closedBy: tx.ctx.actor.id,
      expectedCashMinor: expectedMinor,
      countedCashMinor: countedMinor,
      varianceMinor,
      denominations: input.denominations ?? null,
      closingReport: {
        ...report,
        state: 'closed',
        countedCash: fromMinor(countedMinor, register.currencyCode),
        variance: fromMinor(varianceMinor, register.currencyCode),
      },
      version: shift.version + 1,
      updatedAt: closedAt,
      updatedBy: tx.ctx.actor.id,
    })
    .where(and(eq(posShifts.companyId, companyId), eq(posShifts.id, shiftId)));
  tx.audit('pos.shift', shiftId, 'close', {
    variance: { old: null, new: fromMinor(varianceMinor, register.currencyCode) },
  });
  await tx.emit(ShiftClosed, shiftId, {
    shiftId,
    registerId: register.id,
    cashJournalId: register.cashJournalId,
    date: day(closedAt),
    currencyCode: register.currencyCode,
    expectedCashMinor: expectedMinor,
    countedCashMinor: countedMinor,
    varianceMinor,
  });
  return shiftReport(tx.db, companyId, shiftId);
}

export async function moveCash(
  tx: Tx,
  shiftId: string,
  input: { direction: 'in' | 'out'; amount: string; reason: string },
) {
  const { companyId } = tx.ctx;
  const shift = await shiftRow(tx.db, companyId, shiftId, true);
  if (shift.state === 'closed') throw PosErrors.shift_closed('cash moves go into an open shift');
  const register = await registerRow(tx.db, companyId, shift.registerId);
  const id = newId();
  const amountMinor = toMinor(input.amount, register.currencyCode);
  if (amountMinor <= 0) throw PosErrors.payment_invalid('a cash move is more than zero');
  await tx.db.insert(posCashMoves).values({
    companyId,
    id,
    shiftId,
    direction: input.direction,
    amountMinor,
    reason: input.reason,
    movedBy: tx.ctx.actor.id,
  });
  tx.audit('pos.cash_move', id, 'create', {
    direction: { old: null, new: input.direction },
    amount: { old: null, new: input.amount },
    reason: { old: null, new: input.reason },
  });
  await tx.emit(CashMoved, shiftId, {
    moveId: id,
    shiftId,
    cashJournalId: register.cashJournalId,
    date: day(new Date()),
    direction: input.direction,
    amountMinor,
    reason: input.reason,
  });
  return shiftReport(tx.db, companyId, shiftId);
}

export async function getShift(db: Executor, companyId: string, id: string): Promise<Shift> {
  const row = await shiftRow(db, companyId, id);
  const register = await registerRow(db, companyId, row.registerId);
  return toShift(row, register.currencyCode);
}
