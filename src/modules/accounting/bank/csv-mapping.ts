import { z } from 'zod';
import { isKnownCurrency } from '../../../shared/money.ts';
import { DATE_FORMAT_PATTERN, isCompleteDateFormat } from './csv-date-format.ts';

// How to read one bank's CSV export. Users save one per bank account through the API, so every
// field is bounded and unknown fields are refused.

const MAX_COLUMNS = 500;

// A column by its header name, or by its 0-based position.
const ColumnRef = z.union([
  z.string().trim().min(1).max(100),
  z
    .number()
    .int()
    .min(0)
    .max(MAX_COLUMNS - 1),
]);
// Text fields may join several columns (e.g. GLS's VWZ1…VWZ14), in order, skipping empty cells.
const ColumnRefs = z.union([ColumnRef, z.array(ColumnRef).min(1).max(20)]);

const Marker = z.string().trim().min(1).max(30);

export const CsvColumns = z
  .object({
    date: ColumnRef,
    valueDate: ColumnRef.optional(),
    // A signed amount, or debit and credit columns (debit positive means money out).
    amount: ColumnRef.optional(),
    debit: ColumnRef.optional(),
    credit: ColumnRef.optional(),
    // A column saying which way an unsigned amount goes (e.g. "debit"/"credit", "S"/"H").
    direction: ColumnRef.optional(),
    currency: ColumnRef.optional(),
    counterparty: ColumnRefs.optional(),
    iban: ColumnRef.optional(),
    text: ColumnRefs.optional(),
    reference: ColumnRef.optional(),
    bankReference: ColumnRef.optional(),
    checkNumber: ColumnRef.optional(),
    balance: ColumnRef.optional(),
  })
  .strict();
export type CsvColumns = z.infer<typeof CsvColumns>;

export const CsvMapping = z
  .object({
    encoding: z.enum(['utf-8', 'windows-1252', 'latin1']),
    delimiter: z.enum([',', ';', '\t', '|']),
    decimalSeparator: z.enum(['.', ',']),
    thousandsSeparator: z.enum(['', '.', ',', ' ', "'"]),
    dateFormat: z
      .string()
      .min(4)
      .max(32)
      .regex(
        DATE_FORMAT_PATTERN,
        'use the tokens YYYY, YY, MMM, MM, M, DD, D, HH, H, mm, ss and . / - : T , or spaces',
      )
      .refine(isCompleteDateFormat, 'must name the year, the month and the day once each'),
    skipLines: z.number().int().min(0).max(100),
    skipFooterLines: z.number().int().min(0).max(100),
    hasHeader: z.boolean(),
    columns: CsvColumns,
    directionMarkers: z
      .object({ debit: z.array(Marker).min(1).max(10), credit: z.array(Marker).min(1).max(10) })
      .strict()
      .optional(),
    currency: z.string().refine(isKnownCurrency, 'must be a known ISO 4217 currency such as EUR'),
    invertSign: z.boolean().optional(),
  })
  .strict()
  .superRefine((mapping, context) => {
    for (const message of mappingConflicts(mapping)) context.addIssue({ code: 'custom', message });
  });
export type CsvMapping = z.infer<typeof CsvMapping>;

function mappingConflicts(mapping: z.infer<typeof CsvMapping>): string[] {
  const { columns } = mapping;
  const conflicts: string[] = [];
  const hasDebitCredit = columns.debit !== undefined || columns.credit !== undefined;
  if (columns.amount === undefined && !hasDebitCredit)
    conflicts.push('columns: give amount, or debit and/or credit');
  if (columns.amount !== undefined && hasDebitCredit)
    conflicts.push('columns: give amount or debit/credit, not both');
  if (columns.direction !== undefined && columns.amount === undefined)
    conflicts.push('columns.direction goes with columns.amount');
  if ((columns.direction === undefined) !== (mapping.directionMarkers === undefined)) {
    conflicts.push('columns.direction and directionMarkers go together');
  }
  if (mapping.thousandsSeparator === mapping.decimalSeparator) {
    conflicts.push('thousandsSeparator and decimalSeparator must differ');
  }
  const named = Object.values(columns)
    .flat()
    .some((ref) => typeof ref === 'string');
  if (!mapping.hasHeader && named) conflicts.push('without a header, columns are given by 0-based position');
  return conflicts;
}
