import { and, eq, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { AccountingErrors } from '../errors.ts';
import { InvoiceCancelled } from '../events.ts';
import { accountingAllocations } from '../matching/schema.ts';
import type { Invoice } from './contracts.ts';
import { lineInputOf } from './draft-lines.ts';
import { createInvoice, getInvoice, invoiceRow } from './drafts.ts';
import { postInvoice } from './post-invoice.ts';
import { accountingInvoices } from './schema.ts';

const CORRECTION = { customer_invoice: 'customer_credit_note', vendor_bill: 'vendor_refund' } as const;

/**
 * Cancels a posted invoice or bill by a credit note (refund) for all of it, which settles it; a
 * draft is simply cancelled. Refused while payments are matched to it.
 */
export async function cancelInvoice(tx: Tx, id: string, reason: string): Promise<Invoice> {
  const { companyId } = tx.ctx;
  const row = await invoiceRow(tx.db, companyId, id);
  if (row.state === 'cancelled')
    throw AccountingErrors.invoice_not_posted(`invoice ${row.number ?? id} is cancelled`);
  if (row.state === 'draft') return cancelDraft(tx, row.id, row.version);
  if (row.kind !== 'customer_invoice' && row.kind !== 'vendor_bill') {
    throw AccountingErrors.invoice_correction_invalid(
      'a credit note is not cancelled; reverse it with an invoice',
    );
  }
  const matched = await tx.db
    .select({ id: accountingAllocations.id })
    .from(accountingAllocations)
    .where(
      and(
        eq(accountingAllocations.companyId, companyId),
        isNull(accountingAllocations.releasedAt),
        or(
          eq(accountingAllocations.debitLineId, row.openItemLineId!),
          eq(accountingAllocations.creditLineId, row.openItemLineId!),
        ),
      ),
    );
  if (matched.length > 0)
    throw AccountingErrors.invoice_has_payments(`invoice ${row.number} has ${matched.length} match(es)`);
  const original = await getInvoice(tx.db, companyId, id);
  const note = await createInvoice(tx, {
    kind: CORRECTION[row.kind],
    partnerId: row.partnerId,
    invoiceDate: null,
    currencyCode: row.currencyCode,
    reference: row.number,
    note: `Cancels ${row.number}: ${reason}`,
    correctsInvoiceId: id,
    // The credit note mirrors the invoice exactly: its lines, its rounding of taxes and of the amount due.
    lines: original.lines.map(lineInputOf),
    taxRounding: original.taxRounding,
    roundingMinor: original.roundingMinor,
  });
  const posted = await postInvoice(tx, note.id);
  await tx.db
    .update(accountingInvoices)
    .set({ state: 'cancelled', version: row.version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(and(eq(accountingInvoices.companyId, companyId), eq(accountingInvoices.id, id)));
  tx.audit('accounting.invoice', id, 'cancel', {
    state: { old: 'posted', new: 'cancelled' },
    creditNote: { old: null, new: posted.number },
    reason: { old: null, new: reason },
  });
  await tx.emit(InvoiceCancelled, id, {
    invoiceId: id,
    kind: row.kind,
    number: row.number!,
    partnerId: row.partnerId,
    invoiceDate: row.invoiceDate!,
    dueDate: row.dueDate!,
    currencyCode: row.currencyCode,
    totalMinor: row.totalMinor,
    entryId: row.entryId!,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    creditNoteId: posted.id,
  });
  return getInvoice(tx.db, companyId, id);
}

async function cancelDraft(tx: Tx, id: string, version: number): Promise<Invoice> {
  await tx.db
    .update(accountingInvoices)
    .set({ state: 'cancelled', version: version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(and(eq(accountingInvoices.companyId, tx.ctx.companyId), eq(accountingInvoices.id, id)));
  tx.audit('accounting.invoice', id, 'cancel', { state: { old: 'draft', new: 'cancelled' } });
  return getInvoice(tx.db, tx.ctx.companyId, id);
}
