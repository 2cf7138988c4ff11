import { decimalToMinorExact, negateMinor } from './amounts.ts';
import { requireAmount } from './camt-balances.ts';
import { type DetailFacts, meaningfulReference, readDetail, transactionCode } from './camt-details.ts';
import { dateFromXml } from './dates.ts';
import type { LineDraft } from './statement-draft.ts';
import { StatementParseError } from './statement-parse-error.ts';
import { child, children, text, type XmlNode } from './xml-node.ts';

export type EntryContext = {
  where: string;
  // Used when an entry has neither BookgDt nor ValDt (camt.054 may omit both).
  fallbackDate: string | null;
  includeNotBooked: boolean;
  notes: string[];
};

/** The lines of one Ntry: none when it is not booked, one per TxDtls for a batch that adds up, else one. */
export function entryLines(entry: XmlNode, context: EntryContext): LineDraft[] {
  const { where } = context;
  const status = entryStatus(entry);
  if (status === null) throw new StatementParseError(`${where}: Sts is missing`);
  if (status !== 'BOOK' && !context.includeNotBooked) return [];
  const amount = requireAmount(child(entry, 'Amt'), where);
  const indicator = text(entry, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    throw new StatementParseError(
      `${where}: CdtDbtInd must be CRDT or DBIT, got ${JSON.stringify(indicator)}`,
    );
  }
  const isCredit = indicator === 'CRDT';
  const signedMinor = isCredit ? amount.minor : negateMinor(amount.minor);
  const details = children(entry, 'NtryDtls').flatMap((group) => children(group, 'TxDtls'));
  const facts = details.map((detail) => readDetail(detail, isCredit));
  const base = entryBase(entry, context, amount.currency);
  const split = splitAmounts(facts, amount.currency, signedMinor, isCredit, where);
  if (split) return splitLines(base, facts, split);
  if (facts.length > 1) {
    context.notes.push(
      `${where}: its ${facts.length} transaction details do not give amounts adding up to the entry, so it is kept as one line`,
    );
  }
  return [wholeEntryLine(base, facts.length === 1 ? facts[0] : undefined, signedMinor)];
}

type EntryBase = {
  entry: XmlNode;
  bookingDate: string;
  valueDate: string | null;
  currency: string;
  entryReference: string | null;
  entryRefKind: 'ref' | 'ntry';
  transactionCode: string | null;
  reversal: boolean;
};

function entryBase(entry: XmlNode, context: EntryContext, currency: string): EntryBase {
  let bookingDate = xmlDate(entry, 'BookgDt', `${context.where} BookgDt`);
  const valueDate = xmlDate(entry, 'ValDt', `${context.where} ValDt`);
  if (bookingDate === null) {
    bookingDate = valueDate ?? context.fallbackDate;
    if (bookingDate === null)
      throw new StatementParseError(`${context.where}: the entry has no BookgDt or ValDt`);
    context.notes.push(
      `${context.where}: no BookgDt; dated ${bookingDate} by its ${valueDate ? 'value date' : 'message date'}`,
    );
  }
  const servicerRef = meaningfulReference(text(entry, 'AcctSvcrRef'));
  const entryRef = meaningfulReference(text(entry, 'NtryRef'));
  const rvsl = text(entry, 'RvslInd');
  return {
    entry,
    bookingDate,
    valueDate,
    currency,
    entryReference: servicerRef ?? entryRef,
    entryRefKind: servicerRef ? 'ref' : 'ntry',
    transactionCode: transactionCode(child(entry, 'BkTxCd')),
    reversal: rvsl === 'true' || rvsl === '1',
  };
}

// A batch is split only when every detail has an amount in the entry's currency and the signed
// amounts add up to the entry: then the lines still sum to what the bank booked.
function splitAmounts(
  facts: DetailFacts[],
  currency: string,
  entryMinor: number,
  isCredit: boolean,
  where: string,
): number[] | null {
  if (facts.length < 2) return null;
  const amounts: number[] = [];
  for (const [index, fact] of facts.entries()) {
    if (fact.amount === null || fact.amount.currency !== currency) return null;
    const minor = decimalToMinorExact(fact.amount.decimal, currency, `${where}, TxDtls ${index + 1} Amt`);
    amounts.push((fact.amount.isCredit ?? isCredit) ? minor : negateMinor(minor));
  }
  return amounts.reduce((sum, minor) => sum + minor, 0) === entryMinor ? amounts : null;
}

function splitLines(base: EntryBase, facts: DetailFacts[], amounts: number[]): LineDraft[] {
  return facts.map((fact, index) => {
    const detailKey = fact.keyReference ?? `#${index + 1}`;
    const keyBasis = base.entryReference
      ? `split:${base.entryReference}/${detailKey}`
      : fact.keyReference && `split:/${fact.keyReference}`;
    return {
      ...lineFields(base, fact, amounts[index] ?? 0),
      bankReference: fact.bankReference ?? (base.entryRefKind === 'ref' ? base.entryReference : null),
      keyBasis,
    };
  });
}

function wholeEntryLine(base: EntryBase, fact: DetailFacts | undefined, signedMinor: number): LineDraft {
  const servicerRef = base.entryRefKind === 'ref' ? base.entryReference : null;
  const detailRef = fact?.bankReference ?? null;
  const keyBasis = base.entryReference
    ? `${base.entryRefKind}:${base.entryReference}`
    : detailRef && `txref:${detailRef}`;
  return { ...lineFields(base, fact, signedMinor), bankReference: servicerRef ?? detailRef, keyBasis };
}

function lineFields(base: EntryBase, fact: DetailFacts | undefined, amountMinor: number) {
  return {
    bookingDate: base.bookingDate,
    valueDate: base.valueDate,
    amountMinor,
    currency: base.currency,
    counterpartyName: fact?.counterpartyName ?? null,
    counterpartyIban: fact?.counterpartyIban ?? null,
    remittanceText: fact?.remittanceText ?? text(base.entry, 'AddtlNtryInf'),
    structuredReference: fact?.structuredReference ?? null,
    endToEndId: fact?.endToEndId ?? null,
    transactionCode: fact?.transactionCode ?? base.transactionCode,
    checkNumber: fact?.checkNumber ?? null,
    reversal: base.reversal,
  };
}

// Versions 2 to 7 write <Sts>BOOK</Sts>; from version 8 it is <Sts><Cd>BOOK</Cd></Sts>.
function entryStatus(entry: XmlNode): string | null {
  return text(entry, 'Sts') ?? text(entry, 'Sts', 'Cd') ?? text(entry, 'Sts', 'Prtry');
}

function xmlDate(entry: XmlNode, name: string, where: string): string | null {
  const value = text(entry, name, 'Dt') ?? text(entry, name, 'DtTm');
  return value === null ? null : dateFromXml(value, where);
}
