// The top of the first page: the seller's logo or name, the title and number, both parties, and
// the dates and references of the document.

import type { DocumentFormat } from './document-format.ts';
import type { DocumentAddress, DocumentParty } from './invoice-document.ts';
import { fillTemplate } from './invoice-labels.ts';
import { BLOCK_GAP, type InvoicePdf } from './invoice-pdf-context.ts';
import { COLORS, contentBox, measureRuns, shade, type TextRun, writeRuns, writeText } from './pdf-layout.ts';

const COLUMN_GAP = 24;
const LOGO_BOX = { width: 180, height: 64 };
// Padding inside the band of dates and references.
const PAD = 6;
// Countries whose addresses put the town before the postcode.
const CITY_FIRST = new Set(['GB', 'IE', 'US', 'CA', 'AU', 'NZ']);

export function drawInvoiceHeader(ctx: InvoicePdf): void {
  const { doc } = ctx;
  const box = contentBox(doc);
  const half = (box.width - COLUMN_GAP) / 2;
  const brandBottom = drawBrand(ctx, box.left, box.top, half);
  const titleHeight = writeRuns(doc, titleRuns(ctx), box.right - half, box.top, {
    width: half,
    align: 'right',
  });
  doc.y = Math.max(brandBottom, box.top + titleHeight) + BLOCK_GAP;
  drawParties(ctx, half);
  drawDocumentFacts(ctx);
}

function drawBrand(ctx: InvoicePdf, x: number, y: number, width: number): number {
  const { doc, invoice } = ctx;
  if (ctx.logo) {
    // In the document flow PDFKit moves doc.y under the image, whatever its proportions.
    doc.x = x;
    doc.y = y;
    doc.image(ctx.logo, { fit: [Math.min(width, LOGO_BOX.width), LOGO_BOX.height] });
    return doc.y;
  }
  const name = invoice.seller.tradingName ?? invoice.seller.name;
  return y + writeText(doc, name, x, y, { bold: true, size: 16, color: COLORS.strong, width, maxHeight: 60 });
}

function titleRuns(ctx: InvoicePdf): TextRun[] {
  return [
    { text: ctx.title, bold: true, size: 22, color: COLORS.strong },
    { text: `${ctx.labels.numberPrefix} ${ctx.invoice.number}`, size: 11, gapBefore: 2 },
  ];
}

function drawParties(ctx: InvoicePdf, width: number): void {
  const { doc, invoice, labels } = ctx;
  const box = contentBox(doc);
  const top = doc.y;
  const options = { width, maxHeight: 240 };
  const seller = writeRuns(doc, partyRuns(ctx, labels.seller, invoice.seller), box.left, top, options);
  const buyer = writeRuns(doc, partyRuns(ctx, labels.buyer, invoice.buyer), box.right - width, top, options);
  doc.y = top + Math.max(seller, buyer) + BLOCK_GAP;
}

function partyRuns(ctx: InvoicePdf, heading: string, party: DocumentParty): TextRun[] {
  const { labels } = ctx;
  const runs: TextRun[] = [
    { text: heading.toUpperCase(), bold: true, size: 7.5, color: COLORS.muted },
    { text: party.name, bold: true, size: 10, gapBefore: 3 },
  ];
  const plain = (text: string | null | undefined, gapBefore = 0) => {
    if (text) runs.push({ text, gapBefore });
  };
  if (party.tradingName !== party.name) plain(party.tradingName);
  for (const line of addressLines(ctx.format, party.address)) plain(line);
  const ids = [
    party.vatId ? `${labels.vatId}: ${party.vatId}` : null,
    party.legalId ? `${labels.companyId}: ${party.legalId.id}` : null,
  ].filter((line) => line !== null);
  for (const [index, line] of ids.entries()) plain(line, index === 0 ? 4 : 0);
  const contact = party.contact;
  if (contact) {
    plain(contact.name, 4);
    plain(contact.phone ? `${labels.phone}: ${contact.phone}` : null);
    plain(contact.email ? `${labels.email}: ${contact.email}` : null);
  }
  return runs;
}

function addressLines(format: DocumentFormat, address: DocumentAddress): string[] {
  const country = address.countryCode.toUpperCase();
  const place = CITY_FIRST.has(country)
    ? [address.city, address.countrySubdivision, address.postalCode]
    : [address.postalCode, address.city, address.countrySubdivision];
  const locality = place.filter((part) => part).join(' ');
  return [...address.lines.slice(0, 3), locality, format.country(country)].filter((line) => line !== '');
}

function documentFacts(ctx: InvoicePdf): [string, string][] {
  const { invoice, labels, format } = ctx;
  const facts: [string, string | null][] = [
    [labels.issueDate, format.date(invoice.issueDate)],
    [labels.dueDate, invoice.dueDate && format.date(invoice.dueDate)],
    [labels.deliveryDate, invoice.deliveryDate && format.date(invoice.deliveryDate)],
    [labels.orderReference, invoice.orderReference],
    [labels.buyerReference, invoice.buyerReference],
    [labels.correctedInvoice, correctedInvoice(ctx)],
  ];
  return facts.filter((fact): fact is [string, string] => fact[1] !== null && fact[1] !== '');
}

function correctedInvoice(ctx: InvoicePdf): string | null {
  const preceding = ctx.invoice.precedingInvoice;
  if (!preceding) return null;
  if (!preceding.issueDate) return preceding.number;
  const date = ctx.format.date(preceding.issueDate);
  return fillTemplate(ctx.labels.invoiceOfDate, { number: preceding.number, date });
}

// Label over value on one light band: up to five in a row, more in two even rows.
function drawDocumentFacts(ctx: InvoicePdf): void {
  const { doc } = ctx;
  const box = contentBox(doc);
  const facts = documentFacts(ctx);
  const perRow = facts.length <= 5 ? Math.max(facts.length, 4) : Math.ceil(facts.length / 2);
  const width = box.width / perRow;
  const rows: TextRun[][][] = [];
  for (let start = 0; start < facts.length; start += perRow) {
    rows.push(
      facts.slice(start, start + perRow).map(([label, value]) => [
        { text: label, size: 7.5, color: COLORS.muted },
        { text: value, bold: true, gapBefore: 2 },
      ]),
    );
  }
  const heights = rows.map((cells) =>
    Math.max(...cells.map((runs) => measureRuns(doc, runs, width - 2 * PAD))),
  );
  const top = doc.y;
  shade(
    doc,
    box.left,
    top,
    box.width,
    heights.reduce((sum, height) => sum + height + 2 * PAD, 0),
  );
  let y = top + PAD;
  for (const [row, cells] of rows.entries()) {
    for (const [index, runs] of cells.entries()) {
      writeRuns(doc, runs, box.left + index * width + PAD, y, { width: width - 2 * PAD });
    }
    y += heights[row]! + 2 * PAD;
  }
  doc.y = y - PAD + BLOCK_GAP;
}
