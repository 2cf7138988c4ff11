// The one shape every bank-file parser returns, whatever came in (camt.05x, OFX or CSV), so
// reconciliation never needs to know which format a bank sent.

export type StatementFormat = 'camt.053' | 'camt.052' | 'camt.054' | 'ofx' | 'csv';

export type StatementAccount = {
  iban: string | null;
  // A non-IBAN account identification (camt Othr/Id, OFX ACCTID); null when only an IBAN is given.
  number: string | null;
  bic: string | null;
  currency: string | null;
};

// A balance as the bank stated it: camt Bal/Tp codes (OPBD, CLBD, CLAV, ITBD, …), OFX LEDGERBAL and
// AVAILBAL, or RUNNING_OPENING / RUNNING_CLOSING derived from a CSV's balance column. Kept in its
// own currency, which a synthetic or multi-currency statement does not always share with the
// account.
export type StatementBalance = {
  type: string;
  amountMinor: number;
  currency: string;
  date: string | null;
};

export type StatementLine = {
  bookingDate: string; // YYYY-MM-DD, as the bank dated it (its local date, never shifted to UTC)
  valueDate: string | null;
  amountMinor: number; // signed, in minor units of `currency`: + money in, − money out
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null; // only a valid IBAN, electronic form
  remittanceText: string | null; // the free (unstructured) text
  structuredReference: string | null; // creditor reference (ISO 11649 RF…, or a national one)
  endToEndId: string | null;
  bankReference: string | null; // camt AcctSvcrRef, OFX FITID, a CSV's transaction id
  transactionCode: string | null; // camt bank transaction code (PMNT-RCDT-ESCT or proprietary), OFX TRNTYPE
  checkNumber: string | null;
  // Stable across imports of the same or an overlapping file: the import's idempotency key.
  duplicateKey: string;
};

export type ParsedStatement = {
  format: StatementFormat;
  statementId: string | null;
  account: StatementAccount;
  // Opening and closing booked balances in the account's currency, when the file states them.
  openingBalanceMinor: number | null;
  openingBalanceDate: string | null;
  closingBalanceMinor: number | null;
  closingBalanceDate: string | null;
  balances: StatementBalance[];
  // The period the statement declares, or else the first and last booking dates of its lines.
  fromDate: string | null;
  toDate: string | null;
  lines: StatementLine[];
  // What the parser decided on the reader's behalf (entries skipped, a batch kept whole, …).
  notes: string[];
};
