// The invoice lines as a table: what was sold, how much of it, at what price, less which
// discount, under which VAT, for what net amount.

import { Decimal } from 'decimal.js';
import type { DocumentAllowanceCharge, DocumentLine } from './invoice-document.ts';
import { fillTemplate } from './invoice-labels.ts';
import { BLOCK_GAP, type InvoicePdf } from './invoice-pdf-context.ts';
import { COLORS, type TextRun } from './pdf-layout.ts';
import { drawTable, type TableCell, type TableColumn } from './pdf-table.ts';

const DETAIL = { size: 7.5, color: COLORS.muted } as const;
// Our own constructor, so that no other code's Decimal.set() changes the precision of a sum.
const Exact = Decimal.clone({ precision: 60 });

export function drawInvoiceLines(ctx: InvoicePdf): void {
  const { labels } = ctx;
  const columns: TableColumn[] = [
    { header: labels.description, weight: 36 },
    { header: labels.quantity, weight: 11, align: 'right' },
    { header: labels.unitPrice, weight: 13, align: 'right' },
    { header: labels.discount, weight: 11, align: 'right' },
    { header: labels.vat, weight: 9, align: 'right' },
    { header: labels.netAmount, weight: 14, align: 'right' },
  ];
  drawTable(ctx.doc, { columns, rows: ctx.invoice.lines.map((line) => lineCells(ctx, line)) });
  ctx.doc.y += BLOCK_GAP;
}

function lineCells(ctx: InvoicePdf, line: DocumentLine): TableCell[] {
  const { format } = ctx;
  const discount = sum(line.allowances);
  return [
    descriptionRuns(ctx, line),
    quantityText(ctx, line.quantity, line.unitCode),
    unitPriceRuns(ctx, line),
    discount === null ? '' : format.money(discount),
    vatText(ctx, line),
    [{ text: format.money(line.netAmount), bold: true }],
  ];
}

function descriptionRuns(ctx: InvoicePdf, line: DocumentLine): TextRun[] {
  const { labels, format } = ctx;
  const runs: TextRun[] = [{ text: line.name }];
  if (line.description && line.description !== line.name) runs.push({ text: line.description, ...DETAIL });
  if (line.sellerItemId) runs.push({ text: `${labels.sku}: ${line.sellerItemId}`, ...DETAIL });
  for (const allowance of line.allowances) {
    if (allowance.reason) runs.push({ text: `${labels.discount}: ${allowance.reason}`, ...DETAIL });
  }
  for (const charge of line.charges) {
    const reason = charge.reason ? `${charge.reason} ` : '';
    runs.push({ text: `${labels.charge}: ${reason}+${format.money(charge.amount)}`, ...DETAIL });
  }
  return runs;
}

function quantityText(ctx: InvoicePdf, quantity: string, unitCode: string): string {
  const unit = ctx.labels.units[unitCode] ?? unitCode;
  const amount = ctx.format.quantity(quantity);
  // A no-break space keeps "12 kg" together when the column is narrow.
  return unit === '' ? amount : `${amount}\u00a0${unit}`;
}

function unitPriceRuns(ctx: InvoicePdf, line: DocumentLine): TextRun[] {
  const runs: TextRun[] = [{ text: ctx.format.money(line.unitPrice) }];
  // A price "per 100 pieces" must say so, or the line does not add up on paper.
  if (line.baseQuantity !== null && !new Exact(line.baseQuantity).eq(1)) {
    const per = quantityText(ctx, line.baseQuantity, line.unitCode);
    runs.push({ text: fillTemplate(ctx.labels.perQuantity, { quantity: per }), ...DETAIL });
  }
  return runs;
}

function vatText(ctx: InvoicePdf, line: DocumentLine): string {
  const { category, ratePercent } = line.vat;
  const rate = ratePercent === null ? '' : ctx.format.percent(ratePercent);
  // The standard rate speaks for itself; any other category is named in the VAT breakdown.
  if (category === 'S') return rate;
  return rate === '' ? category : `${rate} (${category})`;
}

// The total of a line's allowances as a decimal string, or null when it has none.
function sum(items: readonly DocumentAllowanceCharge[]): string | null {
  if (items.length === 0) return null;
  return items.reduce((total, item) => total.plus(item.amount), new Exact(0)).toFixed();
}
