import type { Executor } from '../../../platform/db/database.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { einvoiceGaps } from '../einvoice/completeness.ts';
import { EinvoiceErrors } from '../einvoice/errors.ts';
import { invoiceToUbl } from '../einvoice/to-ubl.ts';
import type { UblProfile } from '../einvoice/ubl-names.ts';
import { AccountingErrors } from '../errors.ts';
import { getInvoice } from './drafts.ts';
import { invoiceDocument } from './invoice-document.ts';

export type UblExport = { xml: string; filename: string; profile: UblProfile };

/**
 * A posted customer invoice or credit note as a UBL 2.1 e-invoice: Peppol BIS Billing 3.0 when
 * the customer has a Peppol address (the document then travels on Peppol), plain EN 16931
 * otherwise. Refuses with `accounting.einvoice_incomplete`, naming the business terms, when the
 * company's or the customer's records lack what the rules require.
 */
export async function exportUbl(db: Executor, companyId: string, id: string): Promise<UblExport> {
  const invoice = await getInvoice(db, companyId, id);
  if (invoice.kind !== 'customer_invoice' && invoice.kind !== 'customer_credit_note')
    throw EinvoiceErrors.einvoice_not_exportable(`${invoice.kind} ${invoice.number ?? invoice.id}`);
  if (!invoice.number) throw AccountingErrors.invoice_not_posted(`invoice ${id} is a ${invoice.state}`);
  const doc = await invoiceDocument(db, companyId, id);
  const profile: UblProfile = doc.buyer.endpoint ? 'peppol' : 'en16931';
  const gaps: FieldError[] = einvoiceGaps(doc, profile);
  // A fixed amount per unit (an eco fee) is not VAT, and EN 16931 has no place for other taxes.
  if (invoice.taxes.some((tax) => tax.ratePercent === null))
    gaps.push({
      code: 'BT-151',
      path: 'lines.taxIds',
      message: 'Only VAT rates: a fixed-amount tax has no place in EN 16931',
    });
  if (gaps.length > 0) {
    throw EinvoiceErrors.einvoice_incomplete(
      `${invoice.number} lacks ${gaps.map((g) => g.message).join('; ')}`,
      gaps,
    );
  }
  return {
    xml: invoiceToUbl(doc, { profile }),
    filename: `${invoice.number.replace(/[^A-Za-z0-9._-]/g, '_')}.xml`,
    profile,
  };
}
