import { runningBalances } from './csv-balances.ts';
import { resolveColumns } from './csv-columns.ts';
import { compileDateFormat } from './csv-date-format.ts';
import { CsvMapping } from './csv-mapping.ts';
import { type CsvLineDraft, readCsvRow } from './csv-row.ts';
import { readCsvTable } from './csv-rows.ts';
import { contentKeys } from './duplicate-key.ts';
import { assertFileSize } from './limits.ts';
import type { ParsedStatement, StatementLine } from './statement.ts';
import { ProblemList, StatementParseError } from './statement-parse-error.ts';

/**
 * Reads a bank's CSV export with its saved mapping into one statement. Every bad row is reported
 * with its line number. CSV lines carry no bank reference, so their duplicate keys are content
 * keys (see contentKeys).
 */
export function parseCsv(bytes: Uint8Array, mapping: CsvMapping): ParsedStatement[] {
  assertFileSize(bytes);
  const checked = CsvMapping.safeParse(mapping);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => ({
      line: null,
      reason: `${issue.path.join('.') || 'mapping'}: ${issue.message}`,
    }));
    throw StatementParseError.fromProblems('The CSV mapping is not valid', problems);
  }
  const table = readCsvTable(bytes, checked.data);
  const reader = {
    columns: resolveColumns(checked.data.columns, table.header),
    mapping: checked.data,
    readDate: compileDateFormat(checked.data.dateFormat),
    problems: new ProblemList(),
  };
  const drafts = table.rows.flatMap((row) => readCsvRow(row, reader) ?? []);
  reader.problems.throwIfAny(
    `${new Set(reader.problems.problems.map((p) => p.line)).size} rows of the CSV file cannot be read`,
  );
  return [toStatement(drafts, checked.data)];
}

function toStatement(drafts: CsvLineDraft[], mapping: CsvMapping): ParsedStatement {
  const keys = contentKeys(drafts);
  const lines = drafts.map(
    (
      { keyBasis: _keyBasis, reversal: _reversal, balanceMinor: _balanceMinor, ...line },
      index,
    ): StatementLine => ({
      ...line,
      duplicateKey: keys[index] ?? '',
    }),
  );
  const balances = runningBalances(drafts);
  const notes =
    balances === null && drafts.some((draft) => draft.balanceMinor !== null)
      ? [
          'The balance column does not follow the amounts row by row, so no opening or closing balance was taken from it',
        ]
      : [];
  const dates = lines.map((line) => line.bookingDate).sort();
  return {
    format: 'csv',
    statementId: null,
    account: { iban: null, number: null, bic: null, currency: mapping.currency },
    openingBalanceMinor: balances?.opening.amountMinor ?? null,
    openingBalanceDate: balances?.opening.date ?? null,
    closingBalanceMinor: balances?.closing.amountMinor ?? null,
    closingBalanceDate: balances?.closing.date ?? null,
    balances: balances === null ? [] : [balances.opening, balances.closing],
    fromDate: dates[0] ?? null,
    toDate: dates.at(-1) ?? null,
    lines,
    notes,
  };
}
