// An invoice or credit note as a printable A4 PDF. Pure: the document in, the bytes out, and the
// same document always gives the same bytes.

import { createDocumentFormat } from './document-format.ts';
import type { DocumentParty, InvoiceDocument } from './invoice-document.ts';
import { fillTemplate, type Labels, resolveLabels } from './invoice-labels.ts';
import type { InvoicePdf } from './invoice-pdf-context.ts';
import { drawInvoiceHeader } from './invoice-pdf-header.ts';
import { drawInvoiceLines } from './invoice-pdf-lines.ts';
import { drawNotes, drawPayment, drawTotals, drawVatBreakdown } from './invoice-pdf-summary.ts';
import { finishPages, openPdf, pdfToBuffer } from './pdf-layout.ts';
import { isWinAnsiText } from './pdf-text.ts';

export type RenderInvoicePdfOptions = {
  /** BCP 47 locale for numbers, amounts, dates and country names; "en" when absent. */
  locale?: string;
  /** The seller's logo, PNG or JPEG; the seller's name is printed in its place when absent. */
  logo?: Buffer | null;
  /** Overrides "Invoice" / "Credit note" (e.g. "Tax invoice", "Pro forma invoice"). */
  title?: string;
  /** Small print at the foot of every page; the seller's details when absent, nothing when null. */
  footer?: string | null;
  /** Words to print instead of the English defaults. */
  labels?: Partial<Labels>;
};

/**
 * Renders an invoice or credit note as an A4 PDF.
 *
 * Text is set in the standard Helvetica font, which only has the WinAnsi (Western European)
 * characters: accented Latin letters outside it are printed without their accent and anything
 * else as "?". Throws a RangeError for an invalid locale or a logo that is not a PNG or JPEG.
 *
 * @example
 * const pdf = await renderInvoicePdf(invoice, { locale: 'fr-FR', logo: await readFile('logo.png') });
 */
export async function renderInvoicePdf(
  invoice: InvoiceDocument,
  options: RenderInvoicePdfOptions = {},
): Promise<Buffer> {
  const labels = resolveLabels(options.labels);
  const locale = options.locale ?? 'en';
  const logo = options.logo ?? null;
  if (logo) assertImage(logo);
  const format = createDocumentFormat({ locale, currency: invoice.currency, canPrint: isWinAnsiText });
  const title = options.title ?? (invoice.kind === 'credit_note' ? labels.creditNote : labels.invoice);
  const heading = fillTemplate(labels.titleWithNumber, { title, number: invoice.number });
  const doc = openPdf({
    title: heading,
    author: invoice.seller.name,
    subject: `${invoice.seller.name} - ${invoice.buyer.name}`,
    createdOn: invoice.issueDate,
    lang: format.locale.replace(/-u-.*$/, ''),
  });
  const ctx: InvoicePdf = { doc, invoice, format, labels, title, logo };
  drawInvoiceHeader(ctx);
  drawInvoiceLines(ctx);
  drawTotals(ctx);
  drawVatBreakdown(ctx);
  drawPayment(ctx);
  drawNotes(ctx);
  finishPages(doc, {
    footer: options.footer === undefined ? sellerFooter(invoice.seller, labels) : options.footer,
    pageLabel: (page, pages) => fillTemplate(labels.page, { page: String(page), pages: String(pages) }),
    runningHeader: heading,
  });
  return pdfToBuffer(doc);
}

// The seller's legal details on one line, as European law asks of business letters and invoices.
function sellerFooter(seller: DocumentParty, labels: Labels): string {
  const { address } = seller;
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  const parts = [
    seller.name,
    [...address.lines, place].filter(Boolean).join(', '),
    seller.vatId && `${labels.vatId} ${seller.vatId}`,
    seller.legalId && `${labels.companyId} ${seller.legalId.id}`,
    seller.contact?.email,
    seller.contact?.phone,
  ];
  return parts.filter(Boolean).join(' · ');
}

// PDFKit reads PNG and JPEG only; anything else would fail deep inside it with a vaguer message.
function assertImage(logo: Buffer): void {
  const png = logo.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = logo[0] === 0xff && logo[1] === 0xd8;
  if (!png && !jpeg) throw new RangeError('The logo must be a PNG or JPEG image');
}
