import { parse } from 'csv-parse/sync';
import type { CsvMapping } from './csv-mapping.ts';
import { decodeText } from './decode-text.ts';
import { assertLineCount, countTextLines } from './limits.ts';
import { StatementParseError } from './statement-parse-error.ts';

export type CsvRow = { line: number; cells: string[] };
export type CsvTable = { header: string[] | null; rows: CsvRow[] };

/**
 * The data rows of a CSV export with the line each starts on: preamble and footer lines cut
 * first (they are often not CSV at all), then the header taken when the mapping says so.
 */
export function readCsvTable(bytes: Uint8Array, mapping: CsvMapping): CsvTable {
  const text = decodeText(bytes, mapping.encoding);
  assertLineCount(countTextLines(text), 'lines');
  const { body, firstLine } = cutPreambleAndFooter(text, mapping.skipLines, mapping.skipFooterLines);
  const records = parseRecords(body, mapping.delimiter, firstLine);
  if (!mapping.hasHeader) return { header: null, rows: records };
  const [header, ...rows] = records;
  if (header === undefined) throw new StatementParseError('The file has no header line', null);
  return { header: header.cells.map((cell) => cell.trim()), rows };
}

type ParsedRecord = { record: string[]; info: { lines: number } };

function parseRecords(body: string, delimiter: string, firstLine: number): CsvRow[] {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(body, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const message = (error as Error).message.replace(/ at line \d+/, '');
    throw new StatementParseError(
      `The CSV cannot be read: ${message}`,
      line === undefined ? null : line + firstLine - 1,
    );
  }
  return parsed
    .map(({ record, info }) => {
      // info.lines is where the record ends; a quoted cell may span lines.
      const inside = record.reduce((count, cell) => count + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      return { line: info.lines - inside + firstLine - 1, cells: record };
    })
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''));
}

// Cuts whole physical lines; footer lines are counted from the last line that is not blank.
function cutPreambleAndFooter(
  text: string,
  skip: number,
  skipFooter: number,
): { body: string; firstLine: number } {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  if (lines.length <= skip)
    throw new StatementParseError(`The file has ${lines.length} lines, fewer than the ${skip} to skip`);
  let end = lines.length;
  while (end > skip && (lines[end - 1] ?? '').trim() === '') end--;
  end -= skipFooter;
  if (end < skip)
    throw new StatementParseError(
      `The file is too short to skip ${skip} lines at the top and ${skipFooter} at the bottom`,
    );
  return { body: lines.slice(skip, end).join(''), firstLine: skip + 1 };
}
