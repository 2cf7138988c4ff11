import { isValidIban, normaliseIban } from '../../../shared/iban.ts';
import { attribute, child, children, text, texts, type XmlNode } from './xml-node.ts';

// What one TxDtls (or a whole entry without details) says about the payment behind a booking.
export type DetailFacts = {
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittanceText: string | null;
  structuredReference: string | null;
  endToEndId: string | null;
  bankReference: string | null;
  checkNumber: string | null;
  transactionCode: string | null;
  // The detail's own reference, unique within its entry, for split lines' duplicate keys.
  keyReference: string | null;
  amount: { decimal: string; currency: string; isCredit: boolean | null } | null;
};

// Placeholders banks and payers write where a reference is mandatory but there is none.
const NO_REFERENCE = new Set(['NOTPROVIDED', 'NOT PROVIDED', 'NONREF', 'NONE', 'N/A', '']);

export function meaningfulReference(value: string | null): string | null {
  return value === null || NO_REFERENCE.has(value.toUpperCase()) ? null : value;
}

/** The facts of one TxDtls; the counterparty is the debtor of a credit and the creditor of a debit. */
export function readDetail(detail: XmlNode, isCredit: boolean): DetailFacts {
  const refs = child(detail, 'Refs');
  const parties = child(detail, 'RltdPties');
  const side = isCredit ? 'Dbtr' : 'Cdtr';
  const endToEndId = meaningfulReference(text(refs, 'EndToEndId'));
  const bankReference = meaningfulReference(text(refs, 'AcctSvcrRef'));
  return {
    counterpartyName: partyName(child(parties, side)) ?? partyName(child(parties, `Ultmt${side}`)),
    counterpartyIban: accountIban(child(parties, `${side}Acct`)),
    remittanceText: remittanceText(child(detail, 'RmtInf')) ?? text(detail, 'AddtlTxInf'),
    structuredReference: creditorReference(child(detail, 'RmtInf')),
    endToEndId,
    bankReference,
    checkNumber: text(refs, 'ChqNb'),
    transactionCode: transactionCode(child(detail, 'BkTxCd')),
    keyReference:
      bankReference ??
      endToEndId ??
      meaningfulReference(text(refs, 'TxId')) ??
      meaningfulReference(text(refs, 'InstrId')) ??
      text(refs, 'UETR'),
    amount: detailAmount(detail),
  };
}

/** Domain code as DOMAIN-FAMILY-SUBFAMILY (PMNT-RCDT-ESCT), else the proprietary code. */
export function transactionCode(code: XmlNode | undefined): string | null {
  const domain = text(code, 'Domn', 'Cd');
  if (domain) {
    const family = text(code, 'Domn', 'Fmly', 'Cd');
    const subFamily = text(code, 'Domn', 'Fmly', 'SubFmlyCd');
    return [domain, family, subFamily].filter((part) => part !== null).join('-');
  }
  return text(code, 'Prtry', 'Cd');
}

// Up to version 7 a party is Dbtr/Nm; from version 8 it is Dbtr/Pty/Nm, or a bank as Dbtr/Agt.
function partyName(party: XmlNode | undefined): string | null {
  return text(party, 'Nm') ?? text(party, 'Pty', 'Nm') ?? text(party, 'Agt', 'FinInstnId', 'Nm');
}

function accountIban(account: XmlNode | undefined): string | null {
  const iban = text(account, 'Id', 'IBAN');
  return iban !== null && isValidIban(iban) ? normaliseIban(iban) : null;
}

// Every Ustrd line, then the free text inside structured blocks, as one text.
function remittanceText(remittance: XmlNode | undefined): string | null {
  const parts = [
    ...texts(remittance, 'Ustrd'),
    ...children(remittance, 'Strd').flatMap((block) => texts(block, 'AddtlRmtInf')),
  ];
  return parts.length > 0 ? parts.join(' ') : null;
}

function creditorReference(remittance: XmlNode | undefined): string | null {
  for (const block of children(remittance, 'Strd')) {
    const ref = text(block, 'CdtrRefInf', 'Ref');
    if (ref) return ref;
  }
  return null;
}

// Version 3 on: TxDtls/Amt; version 2: AmtDtls/TxAmt/Amt. Both are in the account's currency when
// the bank splits a batch, which is what the caller checks before using them.
function detailAmount(detail: XmlNode): DetailFacts['amount'] {
  const amount = child(detail, 'Amt') ?? child(detail, 'AmtDtls', 'TxAmt', 'Amt');
  const decimal = text(amount);
  const currency = attribute(amount, 'Ccy');
  if (decimal === null || currency === null) return null;
  const indicator = text(detail, 'CdtDbtInd');
  return { decimal, currency, isCredit: indicator === null ? null : indicator === 'CRDT' };
}
