import { Decimal } from 'decimal.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { toMinor } from '../../../shared/money.ts';
import { accountingSettings } from '../../accounting/index.ts';
import { listWarehouses } from '../../inventory/index.ts';
import type { CreateRegisterInput, Register } from '../contracts.ts';
import { PosErrors } from '../errors.ts';
import { posRegisters, posShifts } from '../schema.ts';

export type RegisterRow = typeof posRegisters.$inferSelect;

async function toRegisters(db: Executor, companyId: string, rows: RegisterRow[]): Promise<Register[]> {
  const open = await db
    .select({ id: posShifts.id, registerId: posShifts.registerId })
    .from(posShifts)
    .where(and(eq(posShifts.companyId, companyId), eq(posShifts.state, 'open')));
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    warehouseId: row.warehouseId,
    stockLocationId: row.stockLocationId,
    cashJournalId: row.cashJournalId,
    currencyCode: row.currencyCode,
    cashIncrementMinor: row.cashIncrementMinor,
    discountLimitPercent:
      row.discountLimitPercent === null ? null : new Decimal(row.discountLimitPercent).toString(),
    returnsNeedApproval: row.returnsNeedApproval,
    openShiftId: open.find((s) => s.registerId === row.id)?.id ?? null,
  }));
}

export async function createRegister(tx: Tx, input: CreateRegisterInput): Promise<Register> {
  const { companyId } = tx.ctx;
  const warehouse = (await listWarehouses(tx.db, companyId)).find((w) => w.id === input.warehouseId);
  if (!warehouse) throw PosErrors.register_not_found(`no warehouse has the id ${input.warehouseId}`);
  const { currencyCode } = await accountingSettings(tx.db, companyId);
  const id = newId();
  await tx.db
    .insert(posRegisters)
    .values({
      companyId,
      id,
      code: input.code,
      name: input.name,
      warehouseId: warehouse.id,
      stockLocationId: warehouse.stockLocationId,
      cashJournalId: input.cashJournalId ?? null,
      currencyCode,
      cashIncrementMinor: input.cashIncrement ? Math.max(1, toMinor(input.cashIncrement, currencyCode)) : 1,
      discountLimitPercent: input.discountLimitPercent ?? null,
      returnsNeedApproval: input.returnsNeedApproval ?? false,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'pos_registers_code_unique')
        throw PosErrors.register_code_taken(`register ${input.code} exists`);
      throw error;
    });
  const register = await getRegister(tx.db, companyId, id);
  tx.audit('pos.register', id, 'create', diffRecords(null, register));
  return register;
}

export async function registerRow(db: Executor, companyId: string, id: string): Promise<RegisterRow> {
  const [row] = await db
    .select()
    .from(posRegisters)
    .where(and(eq(posRegisters.companyId, companyId), eq(posRegisters.id, id)));
  if (!row || row.archived) throw PosErrors.register_not_found(`no register has the id ${id}`);
  return row;
}

export async function getRegister(db: Executor, companyId: string, id: string): Promise<Register> {
  const [register] = await toRegisters(db, companyId, [await registerRow(db, companyId, id)]);
  return register!;
}

export async function listRegisters(db: Executor, companyId: string): Promise<Register[]> {
  const rows = await db
    .select()
    .from(posRegisters)
    .where(and(eq(posRegisters.companyId, companyId), eq(posRegisters.archived, false)))
    .orderBy(asc(posRegisters.code));
  return toRegisters(db, companyId, rows);
}

/** The next receipt number of a register, gap-free: its counter row stays locked until commit. */
export async function nextReceiptNumber(tx: Tx, register: RegisterRow): Promise<string> {
  const [next] = await tx.db
    .update(posRegisters)
    .set({ lastReceiptNumber: sql`${posRegisters.lastReceiptNumber} + 1` })
    .where(and(eq(posRegisters.companyId, tx.ctx.companyId), eq(posRegisters.id, register.id)))
    .returning({ last: posRegisters.lastReceiptNumber });
  return `${register.code}-${String(next!.last).padStart(6, '0')}`;
}
