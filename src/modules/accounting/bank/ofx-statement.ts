import { isValidIban, normaliseIban } from '../../../shared/iban.ts';
import { currencyCode, decimalToMinorExact } from './amounts.ts';
import { dateFromOfx } from './dates.ts';
import { type OfxElement, ofxChild, ofxChildren, ofxValue } from './ofx-tree.ts';
import type { StatementBalance } from './statement.ts';
import type { LineDraft, StatementDraft } from './statement-draft.ts';
import { type ProblemList, StatementParseError } from './statement-parse-error.ts';

/** One STMTRS (bank) or CCSTMTRS (credit card) aggregate. */
export function readOfxStatement(statement: OfxElement, problems: ProblemList): StatementDraft {
  const where = `<${statement.name}>`;
  const curdef = ofxValue(statement, 'CURDEF');
  const currency =
    curdef === null ? null : problems.attempt(statement.line, () => currencyCode(curdef, `${where} CURDEF`));
  const accountFrom = ofxChild(statement, 'BANKACCTFROM') ?? ofxChild(statement, 'CCACCTFROM');
  const accountId = ofxValue(accountFrom, 'ACCTID');
  if (accountId === null)
    problems.add(accountFrom?.line ?? statement.line, `${where}: the account has no ACCTID`);
  const list = ofxChild(statement, 'BANKTRANLIST');
  const lines = ofxChildren(list, 'STMTTRN').flatMap(
    (item) => readTransaction(item, currency, problems) ?? [],
  );
  const balances = readBalances(statement, currency ?? singleCurrency(lines), problems);
  const ledger = balances.find((balance) => balance.type === 'LEDGERBAL');
  const dates = lines.map((line) => line.bookingDate).sort();
  return {
    format: 'ofx',
    statementId: null,
    account: {
      iban: accountId !== null && isValidIban(accountId) ? normaliseIban(accountId) : null,
      number: accountId,
      bic: null,
      currency,
    },
    // ACCTID alone may repeat across banks; the bank and branch ids make it one account.
    accountKey: [ofxValue(accountFrom, 'BANKID'), ofxValue(accountFrom, 'BRANCHID'), accountId]
      .filter(Boolean)
      .join('/'),
    openingBalanceMinor: null,
    openingBalanceDate: null,
    closingBalanceMinor: ledger?.amountMinor ?? null,
    closingBalanceDate: ledger?.date ?? null,
    balances,
    fromDate: optionalDate(list, 'DTSTART', problems) ?? dates[0] ?? null,
    toDate: optionalDate(list, 'DTEND', problems) ?? dates.at(-1) ?? null,
    lines,
    notes:
      curdef === null ? ['CURDEF is empty: each line takes the currency of its own CURRENCY aggregate'] : [],
  };
}

function readBalances(
  statement: OfxElement,
  currency: string | null,
  problems: ProblemList,
): StatementBalance[] {
  return (['LEDGERBAL', 'AVAILBAL'] as const).flatMap((type) => {
    const read = problems.attempt(null, () => readBalance(ofxChild(statement, type), type, currency));
    return read ? [read] : [];
  });
}

function singleCurrency(lines: LineDraft[]): string | null {
  const currencies = new Set(lines.map((line) => line.currency));
  return currencies.size === 1 ? (lines[0]?.currency ?? null) : null;
}

// Every bad field of a transaction is reported, each with its own line.
function readTransaction(
  transaction: OfxElement,
  statementCurrency: string | null,
  problems: ProblemList,
): LineDraft | null {
  const before = problems.problems.length;
  const at = (name: string) => ofxChild(transaction, name)?.line ?? transaction.line;
  if (ofxChild(transaction, 'CORRECTACTION')) {
    problems.add(
      at('CORRECTACTION'),
      'Corrections of earlier transactions (CORRECTACTION) are not supported',
    );
  }
  const posted = ofxValue(transaction, 'DTPOSTED');
  if (posted === null)
    problems.add(at('DTPOSTED'), `DTPOSTED is ${ofxChild(transaction, 'DTPOSTED') ? 'empty' : 'missing'}`);
  const bookingDate =
    posted === null ? null : problems.attempt(at('DTPOSTED'), () => dateFromOfx(posted, 'DTPOSTED'));
  const cursym = ofxValue(transaction, 'CURRENCY', 'CURSYM');
  const currency =
    cursym === null
      ? statementCurrency
      : problems.attempt(at('CURRENCY'), () => currencyCode(cursym, 'CURSYM'));
  if (currency === null && cursym === null) {
    problems.add(transaction.line, 'No currency: CURDEF is empty and the transaction has no CURRENCY');
  }
  const amountText = ofxValue(transaction, 'TRNAMT');
  const amountMinor =
    currency === null ? null : problems.attempt(at('TRNAMT'), () => transactionAmount(amountText, currency));
  const available = ofxValue(transaction, 'DTAVAIL') ?? ofxValue(transaction, 'VALUEDATE');
  const valueDate =
    available === null ? null : problems.attempt(at('DTAVAIL'), () => dateFromOfx(available, 'DTAVAIL'));
  if (problems.problems.length > before || bookingDate === null || currency === null || amountMinor === null)
    return null;
  const fitid = ofxValue(transaction, 'FITID');
  const counterAccount =
    ofxValue(transaction, 'BANKACCTTO', 'ACCTID') ?? ofxValue(transaction, 'CCACCTTO', 'ACCTID');
  return {
    bookingDate,
    valueDate,
    amountMinor,
    currency,
    counterpartyName: ofxValue(transaction, 'NAME') ?? ofxValue(transaction, 'PAYEE', 'NAME'),
    counterpartyIban:
      counterAccount !== null && isValidIban(counterAccount) ? normaliseIban(counterAccount) : null,
    remittanceText: ofxValue(transaction, 'MEMO'),
    // REFNUM is the payment's reference number; Nordic banks carry the creditor reference there.
    structuredReference: ofxValue(transaction, 'REFNUM'),
    endToEndId: null,
    bankReference: fitid,
    transactionCode: ofxValue(transaction, 'TRNTYPE')?.toUpperCase() ?? null,
    checkNumber: ofxValue(transaction, 'CHECKNUM'),
    keyBasis: fitid === null ? null : `fitid:${fitid}`,
    reversal: false,
  };
}

// TRNAMT is signed; some European exporters write a decimal comma, which is unambiguous here.
function transactionAmount(amount: string | null, currency: string): number {
  if (amount === null) throw new StatementParseError('TRNAMT is missing or empty');
  const decimal = /^[+-]?\d+,\d+$/.test(amount) ? amount.replace(',', '.') : amount;
  return decimalToMinorExact(decimal, currency, 'TRNAMT');
}

// An aggregate of empty tags is an exporter's placeholder for "no balance"; a balance dated
// DTASOF with no amount is a broken file.
function readBalance(
  balance: OfxElement | undefined,
  type: string,
  currency: string | null,
): StatementBalance | null {
  if (balance === undefined) return null;
  const amount = ofxValue(balance, 'BALAMT');
  const asOf = ofxValue(balance, 'DTASOF');
  if (amount === null && asOf === null) return null;
  const line = ofxChild(balance, 'BALAMT')?.line ?? balance.line;
  if (amount === null)
    throw new StatementParseError(`${type} has a DTASOF but its BALAMT is empty or missing`, line);
  if (currency === null)
    throw new StatementParseError(`${type} has an amount but the statement has no currency`, line);
  return {
    type,
    amountMinor: withLine(line, () => transactionAmount(amount, currency)),
    currency,
    date: asOf === null ? null : withLine(line, () => dateFromOfx(asOf, `${type} DTASOF`)),
  };
}

function optionalDate(list: OfxElement | undefined, name: string, problems: ProblemList): string | null {
  const value = ofxValue(list, name);
  if (value === null) return null;
  return problems.attempt(ofxChild(list, name)?.line ?? null, () => dateFromOfx(value, name));
}

// Gives a refusal from a value parser the line of the element it came from.
function withLine<T>(line: number, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof StatementParseError && error.line === null)
      throw new StatementParseError(error.reason, line);
    throw error;
  }
}
