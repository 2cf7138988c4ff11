import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import type { Sale } from '../contracts.ts';
import { PosErrors } from '../errors.ts';
import { posPayments, posSaleLines, posSales } from '../schema.ts';

const plain = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

export async function getSale(db: Executor, companyId: string, id: string): Promise<Sale> {
  const [row] = await db
    .select()
    .from(posSales)
    .where(and(eq(posSales.companyId, companyId), eq(posSales.id, id)));
  if (!row) throw PosErrors.sale_not_found(`no sale has the id ${id}`);
  const lines = await db
    .select()
    .from(posSaleLines)
    .where(and(eq(posSaleLines.companyId, companyId), eq(posSaleLines.saleId, id)))
    .orderBy(asc(posSaleLines.lineNo));
  const payments = await db
    .select()
    .from(posPayments)
    .where(and(eq(posPayments.companyId, companyId), eq(posPayments.saleId, id)))
    .orderBy(asc(posPayments.position));
  const money = (minor: number) => fromMinor(minor, row.currencyCode);
  return {
    id: row.id,
    kind: row.kind,
    registerId: row.registerId,
    shiftId: row.shiftId,
    clientSaleId: row.clientSaleId,
    receiptNumber: row.receiptNumber,
    customerId: row.customerId,
    returnsSaleId: row.returnsSaleId,
    soldAt: row.soldAt.toISOString(),
    offline: row.offline,
    stockFlagged: row.stockFlagged,
    approvedBy: row.approvedBy,
    currencyCode: row.currencyCode,
    net: money(row.netMinor),
    tax: money(row.taxMinor),
    total: money(row.totalMinor),
    rounding: money(row.roundingMinor),
    change: money(row.changeMinor),
    totalMinor: row.totalMinor,
    lines: lines.map((line) => ({
      lineNo: line.lineNo,
      variantId: line.variantId,
      description: line.description,
      sku: line.sku,
      quantity: plain(line.quantity),
      unitPrice: plain(line.unitPrice),
      discountPercent: plain(line.discountPercent),
      net: money(line.netMinor),
      tax: money(line.taxMinor),
      total: money(line.netMinor + line.taxMinor),
    })),
    payments: payments.map((p) => ({
      method: p.method,
      amount: money(p.amountMinor),
      reference: p.reference,
    })),
    taxes: row.taxes.map((t) => ({
      code: t.code,
      ratePercent: t.ratePercent === null ? null : plain(t.ratePercent),
      base: money(t.baseMinor),
      tax: money(t.amountMinor),
    })),
  };
}

export async function listSales(
  db: Executor,
  companyId: string,
  query: {
    shiftId?: string | undefined;
    registerId?: string | undefined;
    flagged?: boolean | undefined;
    limit: number;
  },
): Promise<Sale[]> {
  const rows = await db
    .select({ id: posSales.id })
    .from(posSales)
    .where(
      and(
        eq(posSales.companyId, companyId),
        query.shiftId ? eq(posSales.shiftId, query.shiftId) : undefined,
        query.registerId ? eq(posSales.registerId, query.registerId) : undefined,
        query.flagged ? eq(posSales.stockFlagged, true) : undefined,
      ),
    )
    .orderBy(desc(posSales.soldAt))
    .limit(query.limit);
  const sales: Sale[] = [];
  for (const row of rows) sales.push(await getSale(db, companyId, row.id));
  return sales;
}

/** How much of each line of a sale has been brought back already. */
export async function returnedQuantities(
  db: Executor,
  companyId: string,
  saleId: string,
): Promise<Map<number, string>> {
  const rows = await db
    .select({
      lineNo: posSaleLines.returnsLineNo,
      quantity: sql<string>`sum(${posSaleLines.quantity})::text`,
    })
    .from(posSaleLines)
    .innerJoin(
      posSales,
      and(eq(posSales.companyId, posSaleLines.companyId), eq(posSales.id, posSaleLines.saleId)),
    )
    .where(and(eq(posSaleLines.companyId, companyId), eq(posSales.returnsSaleId, saleId)))
    .groupBy(posSaleLines.returnsLineNo);
  return new Map(rows.filter((r) => r.lineNo !== null).map((r) => [r.lineNo!, r.quantity]));
}
