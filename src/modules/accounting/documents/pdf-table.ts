// A table that flows over as many pages as it needs: rows are measured before they are drawn, a
// row that does not fit starts a new page, and the header row is repeated at the top of it. Cells
// wrap; a single row taller than a whole page is cut with "…" rather than run off the paper.

import {
  type Align,
  COLORS,
  contentBox,
  horizontalRule,
  measureRuns,
  type Pdf,
  shade,
  type TextRun,
  writeRuns,
} from './pdf-layout.ts';

export type TableCell = string | readonly TextRun[];

export type TableColumn = {
  header: string;
  /** Share of the table's width, relative to the other columns' weights. */
  weight: number;
  align?: Align;
};

export type TableOptions = {
  columns: readonly TableColumn[];
  rows: readonly (readonly TableCell[])[];
  /** Left edge and width; the page's content box when absent. */
  x?: number;
  width?: number;
  /** A heading above the table, kept on the same page as its first row. */
  title?: string;
  fontSize?: number;
};

const PAD_X = 4;
const PAD_Y = 4;
const HEADER_SIZE = 7.5;

type Layout = { left: number; width: number; xs: number[]; widths: number[]; align: Align[]; size: number };

/** Draws the table from doc.y down and leaves doc.y under its last row. */
export function drawTable(doc: Pdf, options: TableOptions): void {
  const layout = columnLayout(doc, options);
  const headerHeight = measureHeader(doc, options.columns, layout);
  const rowHeights = options.rows.map((row) => measureRow(doc, row, layout));
  const title = options.title ? titleRuns(options.title) : [];
  const titleHeight = title.length > 0 ? measureRuns(doc, title, layout.width) + 4 : 0;
  const box = contentBox(doc);
  // The most a row may take: a page under the header. A taller one is cut.
  const tallest = box.bottom - box.top - headerHeight;
  const first = Math.min(rowHeights[0] ?? 0, tallest);
  // A heading or header alone at the foot of a page says nothing: keep them with the first row.
  if (doc.y > box.top && doc.y + titleHeight + headerHeight + first > box.bottom) doc.addPage();
  if (title.length > 0) {
    doc.y += writeRuns(doc, title, layout.left, doc.y, { width: layout.width }) + 4;
  }
  drawHeader(doc, options.columns, layout, headerHeight);
  options.rows.forEach((row, index) => {
    const height = Math.min(rowHeights[index]!, tallest);
    if (doc.y + height > box.bottom) {
      doc.addPage();
      drawHeader(doc, options.columns, layout, headerHeight);
    }
    drawRow(doc, row, layout, height);
  });
}

function columnLayout(doc: Pdf, options: TableOptions): Layout {
  const box = contentBox(doc);
  const left = options.x ?? box.left;
  const width = options.width ?? box.right - left;
  const totalWeight = options.columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = options.columns.map((column) => (width * column.weight) / totalWeight);
  const xs = widths.map((_, index) => left + widths.slice(0, index).reduce((sum, w) => sum + w, 0));
  const align = options.columns.map((column) => column.align ?? 'left');
  return { left, width, xs, widths, align, size: options.fontSize ?? 8.5 };
}

function runsOf(cell: TableCell | undefined, size: number): readonly TextRun[] {
  if (cell === undefined) return [];
  return typeof cell === 'string' ? [{ text: cell, size }] : cell.map((run) => ({ size, ...run }));
}

function titleRuns(title: string): TextRun[] {
  return [{ text: title, bold: true, size: 10, color: COLORS.strong }];
}

function headerRuns(column: TableColumn): TextRun[] {
  return [{ text: column.header, bold: true, size: HEADER_SIZE, color: COLORS.muted }];
}

function measureHeader(doc: Pdf, columns: readonly TableColumn[], layout: Layout): number {
  const heights = columns.map((column, index) =>
    measureRuns(doc, headerRuns(column), layout.widths[index]! - 2 * PAD_X),
  );
  return Math.max(0, ...heights) + 2 * PAD_Y;
}

function measureRow(doc: Pdf, row: readonly TableCell[], layout: Layout): number {
  const heights = layout.widths.map((width, index) =>
    measureRuns(doc, runsOf(row[index], layout.size), width - 2 * PAD_X),
  );
  return Math.max(0, ...heights) + 2 * PAD_Y;
}

function drawHeader(doc: Pdf, columns: readonly TableColumn[], layout: Layout, height: number): void {
  const top = doc.y;
  shade(doc, layout.left, top, layout.width, height);
  columns.forEach((column, index) => {
    writeRuns(doc, headerRuns(column), layout.xs[index]! + PAD_X, top + PAD_Y, {
      width: layout.widths[index]! - 2 * PAD_X,
      align: layout.align[index]!,
    });
  });
  doc.x = layout.left;
  doc.y = top + height;
}

function drawRow(doc: Pdf, row: readonly TableCell[], layout: Layout, height: number): void {
  const top = doc.y;
  layout.widths.forEach((width, index) => {
    writeRuns(doc, runsOf(row[index], layout.size), layout.xs[index]! + PAD_X, top + PAD_Y, {
      width: width - 2 * PAD_X,
      align: layout.align[index]!,
      maxHeight: height - 2 * PAD_Y,
    });
  });
  horizontalRule(doc, top + height, layout.left, layout.left + layout.width);
  doc.x = layout.left;
  doc.y = top + height;
}
