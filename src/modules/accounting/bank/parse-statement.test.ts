import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CsvMapping } from './csv-mapping.ts';
import { MAX_STATEMENT_FILE_BYTES } from './limits.ts';
import { parseStatement, sniffFormat } from './parse-statement.ts';
import { StatementParseError } from './statement-parse-error.ts';

const CONFORMANCE = new URL('../../../../../shared/conformance/', import.meta.url);
const filesIn = (folder: string) =>
  readdirSync(new URL(folder, CONFORMANCE)).map((name) => `${folder}${name}`);
const read = (path: string) => readFileSync(new URL(path, CONFORMANCE));

const MAPPING: CsvMapping = {
  encoding: 'utf-8',
  delimiter: ',',
  decimalSeparator: '.',
  thousandsSeparator: ',',
  dateFormat: 'YYYY-MM-DD',
  skipLines: 0,
  skipFooterLines: 0,
  hasHeader: true,
  columns: { date: 'Date', amount: 'Amount', counterparty: 'Description' },
  currency: 'USD',
};

function refusal(step: () => unknown): StatementParseError {
  try {
    step();
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseStatement', () => {
  it('recognises every camt sample, every OFX file (malformed ones too) and the CSV exports', () => {
    for (const path of filesIn('iso20022-camt/samples/'))
      expect([path, sniffFormat(read(path))]).toEqual([path, 'camt']);
    for (const path of [
      ...filesIn('ofx-csv-bank/ofx/valid/'),
      ...filesIn('ofx-csv-bank/ofx/malformed/'),
      ...filesIn('ofx-csv-bank/csv-converted-by-csv2ofx/'),
    ]) {
      expect([path, sniffFormat(read(path))]).toEqual([path, 'ofx']);
    }
    for (const path of filesIn('ofx-csv-bank/csv/'))
      expect([path, sniffFormat(read(path))]).toEqual([path, 'text']);
  });

  it('dispatches by what the file is', () => {
    expect(parseStatement(read('iso20022-camt/samples/camt053.v8.xml'))[0]?.format).toBe('camt.053');
    expect(parseStatement(read('iso20022-camt/samples/camt054.v4.xml'))[0]?.format).toBe('camt.054');
    expect(parseStatement(read('ofx-csv-bank/ofx/valid/checking.ofx'))[0]?.format).toBe('ofx');
    const csv = parseStatement(read('ofx-csv-bank/csv/default.csv'), { csvMapping: MAPPING });
    expect(csv[0]?.format).toBe('csv');
    expect(csv[0]?.lines).toHaveLength(8);
  });

  it('passes camt options on', () => {
    const file = read('iso20022-camt/samples/camt053.v8.xml');
    const pending = file.toString('utf8').replace('<Cd>BOOK</Cd>', '<Cd>PDNG</Cd>');
    expect(parseStatement(Buffer.from(pending))[0]?.lines).toHaveLength(0);
    expect(parseStatement(Buffer.from(pending), { camt: { includeNotBooked: true } })[0]?.lines).toHaveLength(
      1,
    );
  });

  it('refuses a CSV without a mapping, and a format that is not what the file is', () => {
    expect(refusal(() => parseStatement(read('ofx-csv-bank/csv/default.csv'))).reason).toBe(
      "The file is neither camt.05x nor OFX; reading it as CSV needs the bank's CSV mapping",
    );
    expect(
      refusal(() => parseStatement(read('iso20022-camt/samples/camt053.v8.xml'), { format: 'camt.054' }))
        .reason,
    ).toBe('The file is camt.053, not camt.054');
    expect(
      refusal(() => parseStatement(read('iso20022-camt/samples/camt053.v8.xml'), { format: 'ofx' })).reason,
    ).toBe('The file is not OFX (it looks like camt.05x)');
    expect(
      refusal(() => parseStatement(read('ofx-csv-bank/ofx/valid/checking.ofx'), { format: 'camt' })).reason,
    ).toBe('The file is not a camt.05x document (it looks like OFX)');
  });

  it('refuses binary files and XML or HTML of another kind', () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 3])]);
    expect(refusal(() => parseStatement(pdf, { csvMapping: MAPPING })).reason).toMatch(/binary file/);
    expect(refusal(() => parseStatement(Buffer.from('<html><body>Login</body></html>'))).reason).toMatch(
      /XML of another kind/,
    );
  });

  it('refuses files over 20 MB before reading them', () => {
    const big = Buffer.alloc(MAX_STATEMENT_FILE_BYTES + 1, 0x20);
    expect(refusal(() => parseStatement(big, { csvMapping: MAPPING })).reason).toMatch(
      /over 20971520 bytes \(20 MB\)/,
    );
  });

  it('refuses more than 100,000 lines: CSV rows, camt entries, OFX transactions', () => {
    const csv = `Date,Amount,Description\n${'2024-01-01,1.00,x\n'.repeat(100_000)}`;
    expect(refusal(() => parseStatement(Buffer.from(csv), { csvMapping: MAPPING })).reason).toBe(
      'The file has 100001 lines; at most 100000 are read from one file: split it',
    );
    const camt = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>${'<Ntry/>'.repeat(100_001)}</Stmt></BkToCstmrStmt></Document>`;
    expect(refusal(() => parseStatement(Buffer.from(camt))).reason).toBe(
      'The file has 100001 entries; at most 100000 are read from one file: split it',
    );
    const ofx = `<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>${'<STMTTRN></STMTTRN>'.repeat(100_001)}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    expect(refusal(() => parseStatement(Buffer.from(ofx))).reason).toBe(
      'The file has 100001 transactions; at most 100000 are read from one file: split it',
    );
  });
});
