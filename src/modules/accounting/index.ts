// The accounting module's public face: other modules import only from here.

export type { AccountPurpose } from './chart/template.ts';
export type { Account, JournalEntry, Tax } from './contracts.ts';
export { EntryPosted } from './events.ts';
export type { CreateInvoiceInput, Invoice } from './invoices/contracts.ts';
export { createInvoice, getInvoice, invoiceIdsForSource } from './invoices/drafts.ts';
export { invoiceDocument } from './invoices/invoice-document.ts';
export { postInvoice } from './invoices/post-invoice.ts';
export { renderSalesDocumentPdf, type SalesDocumentInput } from './invoices/sales-document.ts';
export { accountFor } from './ledger/accounts.ts';
export { rateOn } from './ledger/exchange-rates.ts';
export { journalOfType } from './ledger/journals.ts';
export { entryBySource, type PostingInput, type PostingLine, postEntry } from './ledger/post-entry.ts';
export { getSettings as accountingSettings, isSetUp as accountingIsSetUp } from './ledger/settings.ts';
export { receivableBalanceMinor } from './matching/allocations.ts';
export { type AppliedTax, appliedTaxes, taxesForCategory } from './taxes/taxes.ts';
