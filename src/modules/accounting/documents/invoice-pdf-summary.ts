// Everything under the lines: the totals, the VAT breakdown, how to pay, and the notes.

import type { InvoiceDocument, VatBreakdown } from './invoice-document.ts';
import type { Labels } from './invoice-labels.ts';
import { BLOCK_GAP, type InvoicePdf } from './invoice-pdf-context.ts';
import { formatIban, formatPaymentReference } from './payment-format.ts';
import {
  COLORS,
  contentBox,
  ensureSpace,
  horizontalRule,
  measureRuns,
  measureText,
  shade,
  type TextRun,
  writeFlowingText,
  writeRuns,
  writeText,
} from './pdf-layout.ts';
import { drawTable, type TableCell } from './pdf-table.ts';

const TOTALS_WIDTH = 250;
const ROW_GAP = 3;
const KEY_WIDTH = 120;

type TotalRow = { label: string; amount: string; emphasis?: 'total' | 'due' };

export function drawTotals(ctx: InvoicePdf): void {
  const { doc } = ctx;
  const box = contentBox(doc);
  const left = box.right - TOTALS_WIDTH;
  const rows = totalRows(ctx.invoice, ctx.labels);
  const heights = rows.map((row) => rowHeight(ctx, row));
  ensureSpace(
    doc,
    heights.reduce((sum, height) => sum + height, 0),
  );
  rows.forEach((row, index) => {
    const top = doc.y;
    const height = heights[index]!;
    if (row.emphasis === 'total') horizontalRule(doc, top - ROW_GAP / 2, left, box.right, COLORS.strong);
    if (row.emphasis === 'due') shade(doc, left, top, TOTALS_WIDTH, height);
    const style = rowStyle(row);
    const inner = { ...style, maxHeight: height };
    writeText(doc, row.label, left + 6, top + ROW_GAP, { ...inner, width: TOTALS_WIDTH * 0.6 - 6 });
    const amount = ctx.format.money(row.amount);
    writeText(doc, amount, left, top + ROW_GAP, { ...inner, width: TOTALS_WIDTH - 6, align: 'right' });
    doc.y = top + height;
  });
  doc.x = box.left;
  doc.y += BLOCK_GAP;
}

function totalRows(invoice: InvoiceDocument, labels: Labels): TotalRow[] {
  const { totals } = invoice;
  const adjustments: TotalRow[] = [
    ...invoice.allowances.map((item) => ({
      label: named(labels.discount, item.reason),
      amount: negate(item.amount),
    })),
    ...invoice.charges.map((item) => ({ label: named(labels.charge, item.reason), amount: item.amount })),
  ];
  // The totals carry the sums even where the items were not given one by one.
  if (invoice.allowances.length === 0 && isNonZero(totals.allowances)) {
    adjustments.push({ label: labels.discount, amount: negate(totals.allowances!) });
  }
  if (invoice.charges.length === 0 && isNonZero(totals.charges)) {
    adjustments.push({ label: labels.charge, amount: totals.charges! });
  }
  const rows: TotalRow[] = adjustments.length > 0 ? [{ label: labels.lineNet, amount: totals.lineNet }] : [];
  rows.push(...adjustments, { label: labels.taxExclusive, amount: totals.taxExclusive });
  rows.push({ label: labels.taxTotal, amount: totals.vat });
  rows.push({ label: labels.taxInclusive, amount: totals.taxInclusive, emphasis: 'total' });
  if (isNonZero(totals.prepaid)) rows.push({ label: labels.prepaid, amount: negate(totals.prepaid!) });
  if (isNonZero(totals.rounding)) rows.push({ label: labels.rounding, amount: totals.rounding! });
  const due = invoice.kind === 'credit_note' ? labels.amountCredited : labels.amountDue;
  rows.push({ label: due, amount: totals.payable, emphasis: 'due' });
  return rows;
}

function rowStyle(row: TotalRow): { bold: boolean; size: number; color: string } {
  if (row.emphasis === 'due') return { bold: true, size: 11, color: COLORS.strong };
  return { bold: row.emphasis === 'total', size: 9, color: COLORS.text };
}

function rowHeight(ctx: InvoicePdf, row: TotalRow): number {
  const style = rowStyle(row);
  const label = measureText(ctx.doc, row.label, TOTALS_WIDTH * 0.6 - 6, style);
  return Math.max(label, measureText(ctx.doc, '0', TOTALS_WIDTH, style)) + 2 * ROW_GAP;
}

export function drawVatBreakdown(ctx: InvoicePdf): void {
  const { labels, invoice } = ctx;
  if (invoice.vatBreakdown.length === 0) return;
  drawTable(ctx.doc, {
    title: labels.vatBreakdown,
    columns: [
      { header: labels.vatCategory, weight: 24 },
      { header: labels.vatRate, weight: 9, align: 'right' },
      { header: labels.taxableAmount, weight: 15, align: 'right' },
      { header: labels.taxAmount, weight: 14, align: 'right' },
      { header: labels.exemptionReason, weight: 30 },
    ],
    rows: invoice.vatBreakdown.map((entry) => vatCells(ctx, entry)),
  });
  ctx.doc.y += BLOCK_GAP;
}

function vatCells(ctx: InvoicePdf, entry: VatBreakdown): TableCell[] {
  const { format, labels } = ctx;
  const name = labels.vatCategories[entry.category] ?? entry.category;
  const reason = [entry.exemptionReason, entry.exemptionReasonCode && `(${entry.exemptionReasonCode})`];
  return [
    `${name} (${entry.category})`,
    entry.ratePercent === null ? '' : format.percent(entry.ratePercent),
    format.money(entry.taxableAmount),
    format.money(entry.taxAmount),
    reason.filter((part) => part).join(' '),
  ];
}

export function drawPayment(ctx: InvoicePdf): void {
  const { labels } = ctx;
  const payment = ctx.invoice.payment;
  if (!payment) return;
  const account = payment.account;
  const rows: [string, string | null, boolean?][] = [
    [labels.paymentMeans, labels.paymentMeansCodes[payment.meansCode] ?? payment.meansCode],
    [labels.accountHolder, account?.name ?? null],
    [labels.iban, account ? formatIban(account.iban) : null],
    [labels.bic, account?.bic ?? null],
    [
      labels.paymentReference,
      payment.remittanceReference && formatPaymentReference(payment.remittanceReference),
      true,
    ],
    [labels.paymentTerms, payment.terms],
  ];
  const given = rows.filter((row): row is [string, string, boolean?] => Boolean(row[1]));
  drawKeyValues(ctx, labels.payment, given);
}

// A heading over "label: value" rows, kept on one page.
function drawKeyValues(ctx: InvoicePdf, heading: string, rows: [string, string, boolean?][]): void {
  const { doc } = ctx;
  const box = contentBox(doc);
  const valueWidth = box.width - KEY_WIDTH;
  const headingRuns: TextRun[] = [{ text: heading, bold: true, size: 10, color: COLORS.strong }];
  const heights = rows.map(
    ([, value, strong]) => measureText(doc, value, valueWidth, { bold: strong }) + ROW_GAP,
  );
  ensureSpace(doc, measureRuns(doc, headingRuns, box.width) + 4 + heights.reduce((sum, h) => sum + h, 0));
  doc.y += writeRuns(doc, headingRuns, box.left, doc.y, { width: box.width }) + 4;
  rows.forEach(([label, value, strong], index) => {
    const top = doc.y;
    writeText(doc, label, box.left, top, { color: COLORS.muted, width: KEY_WIDTH - 8 });
    writeText(doc, value, box.left + KEY_WIDTH, top, { bold: strong, width: valueWidth });
    doc.y = top + heights[index]!;
  });
  doc.y += BLOCK_GAP;
}

export function drawNotes(ctx: InvoicePdf): void {
  const { doc, labels, invoice } = ctx;
  if (!invoice.note?.trim()) return;
  const box = contentBox(doc);
  const heading: TextRun[] = [{ text: labels.notes, bold: true, size: 10, color: COLORS.strong }];
  // The heading stays with at least the first lines; a long note flows onto further pages.
  ensureSpace(doc, measureRuns(doc, heading, box.width) + 40);
  doc.y += writeRuns(doc, heading, box.left, doc.y, { width: box.width }) + 4;
  writeFlowingText(doc, invoice.note.trim(), { width: box.width });
  doc.y += BLOCK_GAP;
}

function named(label: string, reason: string | null): string {
  return reason ? `${label}: ${reason}` : label;
}

function negate(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount.replace(/^\+/, '')}`;
}

function isNonZero(amount: string | null): boolean {
  return amount !== null && /[1-9]/.test(amount);
}
