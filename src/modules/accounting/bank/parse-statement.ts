import { looksLikeCamt } from './camt-message.ts';
import type { CsvMapping } from './csv-mapping.ts';
import { assertFileSize } from './limits.ts';
import { looksLikeOfx } from './ofx-header.ts';
import { type CamtOptions, parseCamt } from './parse-camt.ts';
import { parseCsv } from './parse-csv.ts';
import { parseOfx } from './parse-ofx.ts';
import type { ParsedStatement, StatementFormat } from './statement.ts';
import { StatementParseError } from './statement-parse-error.ts';

export type StatementFormatChoice = 'auto' | 'camt' | StatementFormat;

export type ParseStatementOptions = {
  format?: StatementFormatChoice;
  // CSV files carry no description of themselves: reading one needs the bank's saved mapping.
  csvMapping?: CsvMapping;
  camt?: CamtOptions;
};

const SNIFFED_BYTES = 4096;

/**
 * Reads a bank file: camt.053/052/054, OFX 1.x/2.x or, with a mapping, CSV. With format 'auto'
 * (the default) the file says what it is. A file may hold several statements (accounts, days);
 * a file that cannot be read is refused with a StatementParseError saying where and why.
 */
export function parseStatement(bytes: Uint8Array, options: ParseStatementOptions = {}): ParsedStatement[] {
  assertFileSize(bytes);
  const requested = options.format ?? 'auto';
  const sniffed = sniffFormat(bytes);
  const format = familyOf(requested, sniffed);
  if (format === 'camt') {
    if (sniffed !== 'camt')
      throw new StatementParseError(
        `The file is not a camt.05x document (it looks like ${describe(sniffed)})`,
      );
    const statements = parseCamt(bytes, options.camt);
    const found = statements[0]?.format;
    if (requested !== 'auto' && requested !== 'camt' && found !== requested) {
      throw new StatementParseError(`The file is ${found}, not ${requested}`);
    }
    return statements;
  }
  if (format === 'ofx') {
    if (sniffed !== 'ofx')
      throw new StatementParseError(`The file is not OFX (it looks like ${describe(sniffed)})`);
    return parseOfx(bytes);
  }
  if (format === 'csv' || format === 'text') {
    if (options.csvMapping === undefined) {
      throw new StatementParseError(
        "The file is neither camt.05x nor OFX; reading it as CSV needs the bank's CSV mapping",
      );
    }
    return parseCsv(bytes, options.csvMapping);
  }
  throw new StatementParseError(`The file is ${describe(format)}, not a bank statement this reader knows`);
}

type Sniffed = 'camt' | 'ofx' | 'text' | 'other-xml' | 'binary';

function familyOf(requested: StatementFormatChoice, sniffed: Sniffed): Sniffed | 'csv' {
  if (requested === 'auto') return sniffed;
  return requested === 'ofx' || requested === 'csv' ? requested : 'camt';
}

/** What a file looks like from its first bytes, before any parsing. */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  const head = bytes.subarray(0, SNIFFED_BYTES);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const text = utf16
    ? new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head)
    : new TextDecoder('windows-1252').decode(head);
  if (!utf16 && head.includes(0)) return 'binary';
  if (looksLikeCamt(text)) return 'camt';
  if (looksLikeOfx(text)) return 'ofx';
  if (/^\s*(?:\uFEFF|ï»¿)?\s*</.test(text)) return 'other-xml';
  return 'text';
}

function describe(sniffed: Sniffed | 'csv'): string {
  const names: Record<Sniffed | 'csv', string> = {
    camt: 'camt.05x',
    ofx: 'OFX',
    text: 'CSV or other text',
    csv: 'CSV',
    'other-xml': 'XML of another kind (or HTML)',
    binary: 'a binary file (PDF, spreadsheet, archive…)',
  };
  return names[sniffed];
}
