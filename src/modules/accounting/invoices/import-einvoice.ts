// A supplier's validated e-invoice becomes a draft bill (an Invoice) or refund (a CreditNote)
// that books exactly what it states, from the supplier it names; its XML is kept in the file store.

import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { assert } from '../../../platform/assert.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { fileKeyOf } from '../../../platform/storage/file-key.ts';
import type { FileStore } from '../../../platform/storage/file-store.ts';
import { isKnownCurrency } from '../../../shared/money.ts';
import type { TaxRounding } from '../../../shared/tax.ts';
import { normaliseTaxId, type Party } from '../../crm/index.ts';
import type { InvoiceDocument } from '../documents/invoice-document.ts';
import { EinvoiceErrors } from '../einvoice/errors.ts';
import { AccountingErrors } from '../errors.ts';
import type { Invoice } from './contracts.ts';
import { type DraftLineInput, draftLines } from './draft-lines.ts';
import { createInvoice, listInvoices } from './drafts.ts';
import { amountDifferences, type ImportedAmounts } from './einvoice-amounts.ts';
import { billLines, exactMinor, keyOf, purchaseTaxesFor } from './einvoice-lines.ts';
import { asSupplier, createSupplier, findSupplier } from './einvoice-supplier.ts';
import { accountingInvoices } from './schema.ts';

export const EINVOICE_SOURCE = 'accounting.einvoice';

export type EinvoiceImport = { document: InvoiceDocument; xml: string; files: FileStore };

const isoDate = z.iso.date();

function checkHeader(doc: InvoiceDocument): void {
  if (!isKnownCurrency(doc.currency))
    throw AccountingErrors.currency_invalid(`${doc.currency} (BT-5) is not an ISO 4217 currency`);
  for (const [term, date] of [
    ['Issue date (BT-2)', doc.issueDate],
    ['Due date (BT-9)', doc.dueDate],
  ] as const) {
    if (date !== null && !isoDate.safeParse(date).success)
      throw EinvoiceErrors.einvoice_value_invalid(`${term} ${date} is not a YYYY-MM-DD date`);
  }
}

// EN 16931 rounds VAT once per category and rate (BR-CO-17), which is global rounding; a supplier
// who rounds per line may state a total that differs by a cent, within the rule's tolerance.
async function roundingThatBooks(
  tx: Tx,
  doc: InvoiceDocument,
  lines: DraftLineInput[],
  amounts: ImportedAmounts,
  taxes: Map<string, string>,
): Promise<TaxRounding> {
  const kind = doc.kind === 'invoice' ? 'vendor_bill' : 'vendor_refund';
  const taxIdOf = (row: InvoiceDocument['vatBreakdown'][number]) => taxes.get(keyOf(row))!;
  let differences: FieldError[] = [];
  for (const rounding of ['global', 'per_line'] as const) {
    const computed = await draftLines(tx, kind, doc.currency, lines, rounding);
    differences = amountDifferences(doc, computed, amounts, taxIdOf);
    if (differences.length === 0) return rounding;
  }
  throw EinvoiceErrors.einvoice_amounts_unmatched(
    differences.map((difference) => difference.message).join('; '),
    differences,
  );
}

async function refuseDuplicate(tx: Tx, sourceId: string): Promise<void> {
  const [existing] = await tx.db
    .select({
      id: accountingInvoices.id,
      reference: accountingInvoices.reference,
      state: accountingInvoices.state,
    })
    .from(accountingInvoices)
    .where(
      and(
        eq(accountingInvoices.companyId, tx.ctx.companyId),
        eq(accountingInvoices.sourceType, EINVOICE_SOURCE),
        eq(accountingInvoices.sourceId, sourceId),
      ),
    );
  if (existing) {
    throw EinvoiceErrors.einvoice_duplicate(
      `It is bill ${existing.id} (${existing.state}, supplier's number ${existing.reference})`,
      [{ path: 'xml', code: existing.id, message: `imported already as bill ${existing.id}` }],
    );
  }
}

// A refund names the bill it corrects (BG-3); it is linked when that bill is posted here.
async function correctedBill(tx: Tx, doc: InvoiceDocument, supplier: Party): Promise<string | null> {
  const number = doc.kind === 'credit_note' ? doc.precedingInvoice?.number : null;
  if (!number) return null;
  const bills = await listInvoices(tx.db, tx.ctx.companyId, {
    limit: 20,
    sort: '-createdAt',
    kind: 'vendor_bill',
    state: 'posted',
    partnerId: supplier.id,
    q: number,
  });
  return bills.data.find((bill) => bill.reference === number)?.id ?? null;
}

function amountsOf(doc: InvoiceDocument): ImportedAmounts {
  const { prepaid, rounding } = doc.totals;
  return {
    prepaidMinor: prepaid === null ? null : exactMinor(prepaid, doc.currency, 'Paid amount (BT-113)'),
    roundingMinor: rounding === null ? null : exactMinor(rounding, doc.currency, 'Rounding amount (BT-114)'),
  };
}

// The XML is stored last, once everything else has been accepted, so that a refused import
// leaves no file behind; its key is known before (the store keys files by their SHA-256).
function keepXml(tx: Tx, input: EinvoiceImport): string {
  const bytes = Buffer.from(input.xml, 'utf8');
  const key = fileKeyOf(createHash('sha256').update(bytes).digest('hex'));
  tx.beforeCommit(`accounting.einvoice:${key}`, async () => {
    const filename = `${input.document.number.replace(/[^A-Za-z0-9._-]/g, '_')}.xml`;
    const stored = await input.files.put({ bytes, filename, contentType: 'application/xml' });
    assert(stored.key === key, `the file store keyed the e-invoice ${stored.key}, not ${key}`);
  });
  return key;
}

// Two imports of one document at once would each find no supplier and record it twice: the
// second waits here for the first, then finds its supplier and its bill.
async function lockDocument(tx: Tx, doc: InvoiceDocument): Promise<void> {
  const { seller } = doc;
  const who = seller.vatId
    ? normaliseTaxId(seller.vatId)
    : (seller.endpoint?.id ?? seller.name.toLowerCase());
  await tx.db.execute(
    sql`select pg_advisory_xact_lock(hashtext('accounting.einvoice'), hashtext(${`${tx.ctx.companyId}:${who}:${doc.number}`}))`,
  );
}

async function supplierOf(tx: Tx, doc: InvoiceDocument): Promise<Party> {
  const found = await findSupplier(tx, doc.seller);
  if (!found) return createSupplier(tx, doc.seller);
  await refuseDuplicate(tx, `${found.id}:${doc.number}`);
  return asSupplier(tx, found);
}

/**
 * Makes a draft vendor bill (from an Invoice) or refund (from a CreditNote) of a validated
 * e-invoice: the supplier matched or created, the lines with their stated nets, document
 * allowances and charges as lines, VAT under the company's purchase taxes, and totals equal to
 * the document's. Refuses, writing nothing: `accounting.einvoice_tax_unmapped`,
 * `accounting.einvoice_duplicate`, `accounting.einvoice_amounts_unmatched`,
 * `accounting.einvoice_value_invalid`.
 */
export async function importEinvoice(tx: Tx, input: EinvoiceImport): Promise<Invoice> {
  const doc = input.document;
  checkHeader(doc);
  await lockDocument(tx, doc);
  const taxes = await purchaseTaxesFor(tx.db, tx.ctx.companyId, doc);
  const lines = billLines(doc, taxes);
  const amounts = amountsOf(doc);
  const taxRounding = await roundingThatBooks(tx, doc, lines, amounts, taxes);
  const supplier = await supplierOf(tx, doc);
  const sourceId = `${supplier.id}:${doc.number}`;
  return createInvoice(tx, {
    kind: doc.kind === 'invoice' ? 'vendor_bill' : 'vendor_refund',
    partnerId: supplier.id,
    invoiceDate: doc.issueDate,
    dueDate: doc.dueDate,
    currencyCode: doc.currency,
    reference: doc.number,
    buyerReference: doc.buyerReference,
    note: doc.note,
    correctsInvoiceId: await correctedBill(tx, doc, supplier),
    lines,
    taxRounding,
    ...amounts,
    sourceType: EINVOICE_SOURCE,
    sourceId,
    sourceFileKey: keepXml(tx, input),
  }).catch((error: unknown) => {
    // Two imports of one document at once: the second meets the first's unique source.
    if (pgErrorOf(error)?.constraint === 'accounting_invoices_source_unique')
      throw EinvoiceErrors.einvoice_duplicate(
        `${doc.number} from ${supplier.name} is being imported already`,
      );
    throw error;
  });
}
