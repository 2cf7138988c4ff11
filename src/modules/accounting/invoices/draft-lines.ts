// A draft's lines as they are stored: checked accounts and taxes, amounts computed by the shared
// tax engine (src/shared/tax.ts), and the rows that hold them.

import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { toMinor } from '../../../shared/money.ts';
import type { TaxRounding } from '../../../shared/tax.ts';
import { AccountingErrors } from '../errors.ts';
import { accountFor, accountsByIds } from '../ledger/accounts.ts';
import { type AppliedTax, appliedTaxesById } from '../taxes/taxes.ts';
import { computeInvoice, kindTraits } from './compute.ts';
import type { Invoice, InvoiceLineInput } from './contracts.ts';
import { accountingInvoiceLines, accountingInvoiceTaxes, type InvoiceKind, type LineKind } from './schema.ts';

/** A line as the service takes it: the API's input, plus the net an imported document states. */
export type DraftLineInput = InvoiceLineInput & {
  /** BT-131 of an imported e-invoice, in the invoice currency: booked instead of quantity × price. */
  statedNet?: string | null;
};

export type ComputedLines = Awaited<ReturnType<typeof draftLines>>;

async function checkAccounts(tx: Tx, kind: InvoiceKind, lines: DraftLineInput[]) {
  const { companyId } = tx.ctx;
  const scope = kindTraits(kind).scope;
  const fallback = await accountFor(tx.db, companyId, scope === 'sale' ? 'revenue' : 'purchase_expense');
  const accounts = await accountsByIds(
    tx.db,
    companyId,
    lines.flatMap((l) => (l.accountId ? [l.accountId] : [])),
  );
  lines.forEach((line, index) => {
    const account = line.accountId ? accounts.get(line.accountId) : fallback;
    if (!account || account.archived) {
      throw AccountingErrors.entry_line_invalid(`line ${index + 1}: no usable account ${line.accountId}`, [
        { path: `lines.${index}.accountId`, message: 'no such account, or it is archived' },
      ]);
    }
  });
  return fallback;
}

export function taxRowsOf(
  companyId: string,
  computed: ReturnType<typeof computeInvoice>,
  taxes: Map<string, AppliedTax[]>,
) {
  const definitions = new Map([...taxes.values()].flat().map((tax) => [tax.id, tax]));
  return computed.taxes.map((tax, position) => {
    const definition = definitions.get(tax.taxId)!;
    return {
      companyId,
      taxId: tax.taxId,
      position,
      code: definition.code,
      name: definition.name,
      vatCategory: definition.vatCategory,
      ratePercent: definition.kind === 'percent' ? definition.ratePercent : null,
      exemptionReason: definition.exemptionReason,
      exemptionReasonCode: definition.exemptionReasonCode,
      accountId: definition.accountId,
      baseMinor: tax.baseMinor,
      amountMinor: tax.amountMinor,
    };
  });
}

/** Checks and computes a draft's lines: accounts, taxes and amounts, ready to store. */
export async function draftLines(
  tx: Tx,
  kind: InvoiceKind,
  currency: string,
  lines: DraftLineInput[],
  rounding: TaxRounding,
) {
  const { companyId } = tx.ctx;
  const fallback = await checkAccounts(tx, kind, lines);
  const taxes = await appliedTaxesById(
    tx.db,
    companyId,
    lines.flatMap((l) => l.taxIds ?? []),
    kindTraits(kind).scope,
  );
  const normalised = lines.map((line) => ({
    ...line,
    kind: line.kind ?? ('item' as LineKind),
    discountPercent: line.discountPercent ?? '0',
    taxIds: [...new Set(line.taxIds ?? [])],
    statedNetMinor: line.statedNet == null ? null : toMinor(line.statedNet, currency),
  }));
  const computed = computeInvoice(normalised, taxes, currency, rounding);
  const vatOf = (taxIds: string[]) =>
    taxIds.flatMap((id) => taxes.get(id) ?? []).find((t) => t.kind === 'percent');
  const rows = normalised.map((line, index) => ({
    companyId,
    id: newId(),
    lineNo: index + 1,
    kind: line.kind,
    variantId: line.variantId ?? null,
    sku: line.sku ?? null,
    gtin: line.gtin ?? null,
    description: line.description,
    quantity: line.quantity,
    unitCode: line.unitCode ?? 'C62',
    unitPrice: line.unitPrice,
    baseQuantity: line.baseQuantity ?? null,
    discountPercent: line.discountPercent,
    accountId: line.accountId ?? fallback.id,
    taxIds: line.taxIds,
    vatCategory: vatOf(line.taxIds)?.vatCategory ?? 'O',
    vatRatePercent: vatOf(line.taxIds)?.ratePercent ?? null,
    statedNetMinor: line.statedNetMinor,
    netMinor: computed.lines[index]!.netMinor,
    taxMinor: computed.lines[index]!.grossMinor - computed.lines[index]!.netMinor,
  }));
  return {
    rows,
    taxRows: taxRowsOf(companyId, computed, taxes),
    totals: { netMinor: computed.netMinor, taxMinor: computed.taxMinor, totalMinor: computed.totalMinor },
  };
}

/** Writes a draft's freshly computed lines and taxes, replacing the ones it had. */
export async function writeLines(
  tx: Tx,
  invoiceId: string,
  computed: ComputedLines,
  replace: boolean,
): Promise<void> {
  const { companyId } = tx.ctx;
  if (replace) {
    await tx.db
      .delete(accountingInvoiceTaxes)
      .where(
        and(eq(accountingInvoiceTaxes.companyId, companyId), eq(accountingInvoiceTaxes.invoiceId, invoiceId)),
      );
    await tx.db
      .delete(accountingInvoiceLines)
      .where(
        and(eq(accountingInvoiceLines.companyId, companyId), eq(accountingInvoiceLines.invoiceId, invoiceId)),
      );
  }
  await tx.db.insert(accountingInvoiceLines).values(computed.rows.map((row) => ({ ...row, invoiceId })));
  if (computed.taxRows.length > 0) {
    await tx.db.insert(accountingInvoiceTaxes).values(computed.taxRows.map((row) => ({ ...row, invoiceId })));
  }
}

/** A stored line as input again: to recompute a draft, or to copy it into a credit note. */
export function lineInputOf(line: Invoice['lines'][number]): DraftLineInput {
  return {
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    baseQuantity: line.baseQuantity,
    discountPercent: line.discountPercent,
    unitCode: line.unitCode,
    accountId: line.accountId,
    taxIds: line.taxIds,
    variantId: line.variantId,
    sku: line.sku,
    gtin: line.gtin,
    statedNet: line.statedNet,
  };
}
