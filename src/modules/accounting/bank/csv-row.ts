import { isValidIban, normaliseIban } from '../../../shared/iban.ts';
import { currencyCode, negateMinor, parseAmountText } from './amounts.ts';
import type { ColumnIndexes } from './csv-columns.ts';
import type { DateReader } from './csv-date-format.ts';
import type { CsvMapping } from './csv-mapping.ts';
import type { CsvRow } from './csv-rows.ts';
import type { LineDraft } from './statement-draft.ts';
import { type ProblemList, StatementParseError } from './statement-parse-error.ts';

export type CsvLineDraft = LineDraft & { balanceMinor: number | null };

export type RowReader = {
  columns: ColumnIndexes;
  mapping: CsvMapping;
  readDate: DateReader;
  problems: ProblemList;
};

/** One data row as a line; every bad cell of the row is reported, and the row then yields null. */
export function readCsvRow(row: CsvRow, reader: RowReader): CsvLineDraft | null {
  const { columns, mapping, problems } = reader;
  const before = problems.problems.length;
  const at = <T>(step: () => T) => problems.attempt(row.line, step);
  const bookingDate = at(() => requiredDate(row, columns.date, reader, 'date'));
  const valueDateText = joined(row, columns.valueDate);
  const valueDate =
    valueDateText === null ? null : at(() => requiredDate(row, columns.valueDate, reader, 'value date'));
  const currencyText = joined(row, columns.currency);
  const currency =
    currencyText === null ? mapping.currency : at(() => currencyCode(currencyText, 'currency'));
  const amountMinor = currency === null ? null : at(() => rowAmount(row, reader, currency));
  const balanceText = joined(row, columns.balance);
  const balanceMinor =
    balanceText === null || currency === null
      ? null
      : at(() => parseAmountText(balanceText, currency, mapping, 'balance'));
  if (problems.problems.length > before || bookingDate === null || currency === null || amountMinor === null)
    return null;
  const iban = joined(row, columns.iban);
  return {
    bookingDate,
    valueDate,
    amountMinor,
    currency,
    counterpartyName: joined(row, columns.counterparty),
    counterpartyIban: iban !== null && isValidIban(iban) ? normaliseIban(iban) : null,
    remittanceText: joined(row, columns.text),
    structuredReference: joined(row, columns.reference),
    endToEndId: null,
    bankReference: joined(row, columns.bankReference),
    transactionCode: joined(row, columns.direction),
    checkNumber: joined(row, columns.checkNumber),
    keyBasis: null,
    reversal: false,
    balanceMinor,
  };
}

function requiredDate(row: CsvRow, indexes: number[] | undefined, reader: RowReader, what: string): string {
  const text = joined(row, indexes);
  if (text === null) throw new StatementParseError(`the ${what} is empty`);
  const date = reader.readDate(text);
  if (date === null)
    throw new StatementParseError(`the ${what} "${text}" is not a date written ${reader.mapping.dateFormat}`);
  return date;
}

function rowAmount(row: CsvRow, reader: RowReader, currency: string): number {
  const { columns, mapping } = reader;
  const signed =
    columns.amount === undefined
      ? debitCreditAmount(row, reader, currency)
      : signedAmount(row, reader, currency);
  return mapping.invertSign ? negateMinor(signed) : signed;
}

function signedAmount(row: CsvRow, reader: RowReader, currency: string): number {
  const { columns, mapping } = reader;
  const text = joined(row, columns.amount);
  if (text === null) throw new StatementParseError('the amount is empty');
  const minor = parseAmountText(text, currency, mapping, 'amount');
  if (columns.direction === undefined || mapping.directionMarkers === undefined) return minor;
  const marker = (joined(row, columns.direction) ?? '').toLowerCase();
  const { debit, credit } = mapping.directionMarkers;
  if (debit.some((value) => value.toLowerCase() === marker)) return negateMinor(Math.abs(minor));
  if (credit.some((value) => value.toLowerCase() === marker)) return Math.abs(minor);
  throw new StatementParseError(
    `the direction "${marker}" is neither a debit (${debit.join(', ')}) nor a credit (${credit.join(', ')})`,
  );
}

// Debit and credit columns hold magnitudes; some banks still print debits with a minus sign.
function debitCreditAmount(row: CsvRow, reader: RowReader, currency: string): number {
  const { columns, mapping } = reader;
  const debitText = joined(row, columns.debit);
  const creditText = joined(row, columns.credit);
  const debit = debitText === null ? null : Math.abs(parseAmountText(debitText, currency, mapping, 'debit'));
  const credit =
    creditText === null ? null : Math.abs(parseAmountText(creditText, currency, mapping, 'credit'));
  if (debit === null && credit === null)
    throw new StatementParseError('neither the debit nor the credit column holds an amount');
  if (debit && credit)
    throw new StatementParseError(`both debit (${debitText}) and credit (${creditText}) hold an amount`);
  return debit ? negateMinor(debit) : (credit ?? 0);
}

// The trimmed cells of the columns, non-empty ones joined by a space; null when all are empty.
function joined(row: CsvRow, indexes: number[] | undefined): string | null {
  if (indexes === undefined) return null;
  const parts = indexes.map((index) => (row.cells[index] ?? '').trim()).filter((cell) => cell !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}
