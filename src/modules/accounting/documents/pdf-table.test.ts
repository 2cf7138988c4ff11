import { describe, expect, it } from 'vitest';
import { finishPages, openPdf, pdfToBuffer } from './pdf-layout.ts';
import { drawTable } from './pdf-table.ts';
import { readPdf } from './read-pdf.test-support.ts';

const INFO = {
  title: 'Delivery slip DS-1',
  author: 'Tandem',
  subject: 'test',
  createdOn: '2026-01-05',
  lang: 'en',
};
const COLUMNS = [
  { header: 'Article', weight: 3 },
  { header: 'Packed', weight: 1, align: 'right' as const },
];

async function render(rows: string[][], title?: string) {
  const doc = openPdf(INFO);
  drawTable(doc, { columns: COLUMNS, rows, title });
  finishPages(doc, { footer: null, pageLabel: (page, pages) => `${page}/${pages}`, runningHeader: 'DS-1' });
  return readPdf(await pdfToBuffer(doc));
}

describe('drawTable', () => {
  it('repeats its header on every page it runs onto and draws every row once', async () => {
    const rows = Array.from({ length: 150 }, (_, index) => [`Article ${index + 1}.`, String(index + 1)]);
    const { totalPages, pages, all } = await render(rows, 'Packed items');
    expect(totalPages).toBeGreaterThanOrEqual(3);
    expect(pages[0]).toMatch(/^Packed items Article Packed Article 1\./);
    pages.forEach((page, index) => {
      expect(page).toContain('Article Packed Article');
      expect(page).toContain(`${index + 1}/${totalPages}`);
    });
    for (let row = 1; row <= 150; row += 1) expect(all.split(`Article ${row}. ${row} `).length - 1).toBe(1);
  });

  it('cuts a row taller than a page with an ellipsis and carries on with the next', async () => {
    const huge = Array.from({ length: 3000 }, (_, index) => `word${index}`).join(' ');
    const { pages, all } = await render([
      ['First.', '1'],
      [huge, '2'],
      ['Last.', '3'],
    ]);
    expect(all).toContain('…');
    expect(all).not.toContain('word2999');
    expect(pages.at(-1)).toContain('Last. 3');
    // Even as the first row it starts on the first page, not after an empty one.
    const leading = await render([[huge, '1']]);
    expect(leading.pages[0]).toContain('Article Packed word0 word1');
  });

  it('names the table on the same page as its first row', async () => {
    const doc = openPdf(INFO);
    doc.y = doc.page.height - doc.page.margins.bottom - 20;
    drawTable(doc, { columns: COLUMNS, rows: [['Only row.', '1']], title: 'Packed items' });
    const { pages } = await readPdf(await pdfToBuffer(doc));
    expect(pages[0]).toBe('');
    expect(pages[1]).toContain('Packed items Article Packed Only row. 1');
  });
});
