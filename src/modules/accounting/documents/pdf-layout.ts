// Page and text helpers shared by every printed business document (invoices now; quotations,
// order confirmations and delivery slips later): an A4 document whose bytes depend only on its
// input, text that is always made printable for the standard fonts, stacked text runs, page
// breaks, and a last pass that writes running headers and "Page n of m" once the count is known.

import PDFDocument from 'pdfkit';
import { assert } from '../../../platform/assert.ts';
import { toWinAnsi } from './pdf-text.ts';

export type Pdf = PDFKit.PDFDocument;

export const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;

export const COLORS = {
  text: '#1f2937',
  muted: '#6b7280',
  rule: '#d1d5db',
  shade: '#f3f4f6',
  strong: '#111827',
} as const;

export const BODY_SIZE = 9;

// The top margin leaves room for the running header that later pages get in finishPages; the
// bottom one for the footer and page number.
const MARGINS = { top: 56, bottom: 76, left: 50, right: 50 };

export type PdfInfo = {
  title: string;
  author: string;
  subject: string;
  /** YYYY-MM-DD: the document's own date, so the same document gives the same bytes. */
  createdOn: string;
  /** BCP 47 language of the text, for screen readers. */
  lang: string;
};

export type TextStyle = { bold?: boolean; size?: number; color?: string };
export type TextRun = TextStyle & { text: string; gapBefore?: number };
export type Align = 'left' | 'right' | 'center';

export type Box = { left: number; right: number; top: number; bottom: number; width: number };

export function openPdf(info: PdfInfo): Pdf {
  const created = new Date(`${info.createdOn}T00:00:00Z`);
  assert(!Number.isNaN(created.getTime()), `Not a YYYY-MM-DD date: ${JSON.stringify(info.createdOn)}`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    // Pages stay in memory until the end so that each can say how many there are.
    bufferPages: true,
    lang: info.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    // PDFKit derives the file ID from this dictionary too, so fixing the dates fixes every byte.
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'Tandem',
      Producer: 'Tandem',
      CreationDate: created,
      ModDate: created,
    },
  });
  applyStyle(doc, {});
  return doc;
}

export function pdfToBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export function contentBox(doc: Pdf): Box {
  const { width, height, margins } = doc.page;
  return {
    left: margins.left,
    right: width - margins.right,
    top: margins.top,
    bottom: height - margins.bottom,
    width: width - margins.left - margins.right,
  };
}

export function applyStyle(doc: Pdf, style: TextStyle): void {
  doc
    .font(style.bold ? FONTS.bold : FONTS.regular)
    .fontSize(style.size ?? BODY_SIZE)
    .fillColor(style.color ?? COLORS.text);
}

export function measureText(doc: Pdf, text: string, width: number, style: TextStyle = {}): number {
  if (text === '') return 0;
  applyStyle(doc, style);
  return doc.heightOfString(toWinAnsi(text), { width });
}

export type WriteOptions = TextStyle & { width: number; align?: Align; maxHeight?: number };

/** Writes text at a point and returns the height it took; text past maxHeight is cut with "…". */
export function writeText(doc: Pdf, text: string, x: number, y: number, options: WriteOptions): number {
  if (text === '') return 0;
  applyStyle(doc, options);
  const printable = toWinAnsi(text);
  const height = doc.heightOfString(printable, { width: options.width });
  const clipped = options.maxHeight !== undefined && height > options.maxHeight;
  doc.text(printable, x, y, {
    width: options.width,
    align: options.align ?? 'left',
    // A height stops PDFKit from starting a page of its own; the callers break pages themselves.
    height: clipped ? options.maxHeight : height + 1,
    ellipsis: clipped,
  });
  return clipped ? options.maxHeight! : height;
}

/** Writes text from doc.y at the left margin and lets PDFKit carry it on over new pages. */
export function writeFlowingText(doc: Pdf, text: string, options: TextStyle & { width: number }): void {
  applyStyle(doc, options);
  doc.text(toWinAnsi(text), contentBox(doc).left, doc.y, { width: options.width });
}

export function measureRuns(doc: Pdf, runs: readonly TextRun[], width: number): number {
  return runs.reduce((sum, run) => sum + (run.gapBefore ?? 0) + measureText(doc, run.text, width, run), 0);
}

/** Writes runs one under the other; returns their total height. */
export function writeRuns(
  doc: Pdf,
  runs: readonly TextRun[],
  x: number,
  y: number,
  options: { width: number; align?: Align; maxHeight?: number },
): number {
  let used = 0;
  for (const run of runs) {
    const room = options.maxHeight === undefined ? undefined : options.maxHeight - used;
    if (room !== undefined && room <= 0) break;
    used += run.gapBefore ?? 0;
    used += writeText(doc, run.text, x, y + used, { ...run, ...options, maxHeight: room });
  }
  return used;
}

/** Starts a new page when less than `height` is left on this one (and this one is not still empty). */
export function ensureSpace(doc: Pdf, height: number): void {
  const box = contentBox(doc);
  if (doc.y > box.top && doc.y + height > box.bottom) doc.addPage();
}

export function horizontalRule(
  doc: Pdf,
  y: number,
  from: number,
  to: number,
  color: string = COLORS.rule,
): void {
  doc.save().moveTo(from, y).lineTo(to, y).lineWidth(0.5).strokeColor(color).stroke().restore();
}

export function shade(doc: Pdf, x: number, y: number, width: number, height: number): void {
  doc.save().rect(x, y, width, height).fill(COLORS.shade).restore();
}

export type PageDecoration = {
  /** Small text at the foot of every page (the seller's legal details), or null. */
  footer: string | null;
  /** What the page number says, e.g. (1, 3) => "Page 1 of 3". */
  pageLabel: (page: number, pages: number) => string;
  /** A line at the top of every page after the first, e.g. "Invoice INV-1", or null. */
  runningHeader: string | null;
};

/** The last pass: footer, page number and running header on every page, now that their count is known. */
export function finishPages(doc: Pdf, decoration: PageDecoration): void {
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index += 1) {
    doc.switchToPage(range.start + index);
    // These are drawn in the margins; with a zero bottom margin PDFKit does not think the page full.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    decoratePage(doc, decoration, index + 1, range.count);
    doc.page.margins.bottom = bottomMargin;
  }
}

function decoratePage(doc: Pdf, decoration: PageDecoration, page: number, pages: number): void {
  const { left, right, width } = contentBox(doc);
  const footerTop = doc.page.height - MARGINS.bottom + 22;
  const small = { size: 7, color: COLORS.muted };
  horizontalRule(doc, footerTop - 6, left, right);
  const numberWidth = 90;
  if (decoration.footer) {
    writeText(doc, decoration.footer, left, footerTop, {
      ...small,
      width: width - numberWidth - 12,
      maxHeight: 27,
    });
  }
  const label = decoration.pageLabel(page, pages);
  writeText(doc, label, right - numberWidth, footerTop, { ...small, width: numberWidth, align: 'right' });
  if (page > 1 && decoration.runningHeader) {
    writeText(doc, decoration.runningHeader, left, MARGINS.top - 26, { ...small, width, align: 'right' });
  }
}
