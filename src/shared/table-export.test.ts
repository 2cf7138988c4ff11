import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from './table-export.ts';

describe('table export', () => {
  it('writes RFC 4180 CSV and defuses cells that start like a formula', () => {
    expect(
      toCsv([
        ['Account', 'Balance'],
        ['=HYPERLINK("x")', { decimal: '-12.50' }],
        ['a,b', null],
      ]),
    ).toBe('Account,Balance\r\n"\'=HYPERLINK(""x"")",-12.50\r\n"a,b",\r\n');
  });

  it('writes an XLSX workbook whose sheets hold the cells, numbers as numbers', () => {
    const bytes = toXlsx([
      {
        name: 'Trial balance',
        rows: [
          ['Code', 'Balance'],
          ['1000', { decimal: '1234.50' }],
          ['<&>', 3],
        ],
      },
      { name: 'Trial balance', rows: [['again']] },
    ]);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const parser = new XMLParser({ ignoreAttributes: false });
    const workbook = parser.parse(strFromU8(files['xl/workbook.xml']!));
    expect(workbook.workbook.sheets.sheet.map((s: Record<string, string>) => s['@_name'])).toEqual([
      'Trial balance',
      'Trial balance 2',
    ]);
    const sheet = parser.parse(strFromU8(files['xl/worksheets/sheet1.xml']!));
    const rows = sheet.worksheet.sheetData.row;
    expect(rows[1].c[1]).toMatchObject({ '@_r': 'B2', v: 1234.5 });
    expect(rows[2].c[0].is.t['#text']).toBe('<&>');
    expect(toXlsx([{ name: 'x', rows: [['a']] }])).toEqual(toXlsx([{ name: 'x', rows: [['a']] }]));
  });
});
