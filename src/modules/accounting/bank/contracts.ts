import { z } from 'zod';
import { CsvMapping } from './csv-mapping.ts';

// A statement file travels base64-encoded in JSON: bank files are binary-ish (Windows-1252,
// Latin-1) and must reach the parser byte for byte.
export const ImportStatementInput = z
  .object({
    journalId: z.uuid().describe('The bank journal the statement is for'),
    fileName: z.string().trim().max(255).optional(),
    content: z
      .string()
      .max(28_000_000)
      .regex(/^[A-Za-z0-9+/=\s]*$/, 'base64')
      .describe('The file, base64-encoded (at most 20 MB decoded)'),
    format: z.enum(['auto', 'camt', 'camt.053', 'camt.052', 'camt.054', 'ofx', 'csv']).default('auto'),
    csvMappingId: z.uuid().optional().describe('A saved CSV mapping (for CSV files)'),
    csvMapping: CsvMapping.optional().describe('Or the mapping itself'),
    autoReconcile: z.boolean().default(true).describe('Match lines by reference and rules right away'),
  })
  .strict();
export type ImportStatementInput = z.infer<typeof ImportStatementInput>;

export const StatementLineSchema = z
  .object({
    id: z.uuid(),
    statementId: z.uuid(),
    journalId: z.uuid(),
    bookingDate: z.string(),
    valueDate: z.string().nullable(),
    amount: z.string(),
    amountMinor: z.number().int(),
    currencyCode: z.string(),
    counterpartyName: z.string().nullable(),
    counterpartyIban: z.string().nullable(),
    remittanceText: z.string().nullable(),
    structuredReference: z.string().nullable(),
    bankReference: z.string().nullable(),
    state: z.enum(['open', 'reconciled', 'ignored']),
    paymentId: z.uuid().nullable(),
    entryId: z.uuid().nullable(),
    ruleId: z.uuid().nullable(),
  })
  .meta({ id: 'BankStatementLine' });
export type StatementLineView = z.infer<typeof StatementLineSchema>;

export const Suggestion = z.object({
  invoiceId: z.uuid(),
  number: z.string(),
  partnerId: z.uuid(),
  amountDue: z.string(),
  amountDueMinor: z.number().int(),
  score: z.number().int().describe('100: the payment quotes the invoice’s creditor reference'),
  reasons: z.array(z.string()),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const StatementImport = z
  .object({
    statements: z.array(
      z.object({
        id: z.uuid(),
        format: z.string(),
        fromDate: z.string().nullable(),
        toDate: z.string().nullable(),
        lineCount: z.number().int(),
        newLineCount: z.number().int(),
        duplicateCount: z.number().int(),
        reconciledCount: z.number().int(),
        notes: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'StatementImport' });
export type StatementImport = z.infer<typeof StatementImport>;

export const ReconcileLineInput = z
  .object({
    partnerId: z.uuid().optional().describe('Who paid or was paid; needed with invoices'),
    invoices: z
      .array(
        z
          .object({
            invoiceId: z.uuid(),
            amount: z
              .string()
              .regex(/^\d{1,15}(\.\d{1,4})?$/)
              .optional(),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    counterparts: z
      .array(
        z
          .object({
            accountId: z.uuid(),
            amount: z
              .string()
              .regex(/^-?\d{1,15}(\.\d{1,4})?$/)
              .describe('Part of the line’s money; negative for what the bank took off it (a fee)'),
            description: z.string().trim().max(200).optional(),
          })
          .strict(),
      )
      .max(20)
      .default([])
      .describe('Parts booked straight to accounts (fees, a split); the rest goes to the partner'),
  })
  .strict();
export type ReconcileLineInput = z.infer<typeof ReconcileLineInput>;

export const ReconciliationRuleInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    journalId: z.uuid().nullish(),
    direction: z.enum(['in', 'out', 'any']).default('any'),
    textContains: z.string().trim().min(2).max(100).nullish(),
    counterpartyIban: z.string().trim().max(42).nullish(),
    amountMin: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,4})?$/)
      .nullish(),
    amountMax: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,4})?$/)
      .nullish(),
    accountId: z.uuid(),
    label: z.string().trim().max(200).nullish(),
    priority: z.number().int().min(0).max(1000).default(100),
  })
  .strict();
export type ReconciliationRuleInput = z.infer<typeof ReconciliationRuleInput>;

export const ReconciliationRule = ReconciliationRuleInput.extend({ id: z.uuid() }).meta({
  id: 'ReconciliationRule',
});
export type ReconciliationRule = z.infer<typeof ReconciliationRule>;

export const SaveCsvMappingInput = z
  .object({ name: z.string().trim().min(1).max(100), mapping: CsvMapping })
  .strict();
export const SavedCsvMapping = z
  .object({ id: z.uuid(), name: z.string(), mapping: CsvMapping })
  .meta({ id: 'SavedCsvMapping' });
