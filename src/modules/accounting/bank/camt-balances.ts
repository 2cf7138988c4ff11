import { decimalToMinorExact, negateMinor } from './amounts.ts';
import { dateFromXml } from './dates.ts';
import type { StatementBalance } from './statement.ts';
import { type ProblemList, StatementParseError } from './statement-parse-error.ts';
import { attribute, child, children, text, type XmlNode } from './xml-node.ts';

// ISO 20022 balance types that open and close a statement's booked movements. PRCD (previously
// closed booked) opens statements of banks that do not send OPBD.
const OPENING_TYPES = ['OPBD', 'PRCD'];
const CLOSING_TYPES = ['CLBD'];

export function readBalances(record: XmlNode, where: string, problems: ProblemList): StatementBalance[] {
  const balances: StatementBalance[] = [];
  children(record, 'Bal').forEach((balance, index) => {
    const at = `${where}, Bal ${index + 1}`;
    const read = problems.attempt(null, () => readBalance(balance, at));
    if (read) balances.push(read);
  });
  return balances;
}

/** The opening or closing booked balance, if the statement states one in the account's currency. */
export function pickBalance(
  balances: StatementBalance[],
  kind: 'opening' | 'closing',
  currency: string | null,
): StatementBalance | null {
  const types = kind === 'opening' ? OPENING_TYPES : CLOSING_TYPES;
  for (const type of types) {
    const found = balances.find((balance) => balance.type === type && balance.currency === currency);
    if (found) return found;
  }
  return null;
}

export function bookedBalanceCurrency(balances: StatementBalance[]): string | null {
  return (
    balances.find((balance) => [...OPENING_TYPES, ...CLOSING_TYPES].includes(balance.type))?.currency ?? null
  );
}

function readBalance(balance: XmlNode, where: string): StatementBalance {
  const type =
    text(balance, 'Tp', 'CdOrPrtry', 'Cd') ?? text(balance, 'Tp', 'CdOrPrtry', 'Prtry') ?? 'UNKNOWN';
  const amount = requireAmount(child(balance, 'Amt'), `${where} (${type})`);
  const indicator = text(balance, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    throw problem(`${where} (${type}): CdtDbtInd must be CRDT or DBIT, got ${JSON.stringify(indicator)}`);
  }
  const dateText = text(balance, 'Dt', 'Dt') ?? text(balance, 'Dt', 'DtTm');
  return {
    type,
    amountMinor: indicator === 'DBIT' ? negateMinor(amount.minor) : amount.minor,
    currency: amount.currency,
    date: dateText === null ? null : dateFromXml(dateText, `${where} (${type}) date`),
  };
}

/** An Amt element with its Ccy attribute, in exact minor units. */
export function requireAmount(
  amount: XmlNode | undefined,
  where: string,
): { minor: number; currency: string } {
  const decimal = text(amount);
  const currency = attribute(amount, 'Ccy');
  if (decimal === null) throw problem(`${where}: Amt is missing`);
  if (currency === null) throw problem(`${where}: Amt has no Ccy`);
  return { minor: decimalToMinorExact(decimal, currency, `${where} Amt`), currency };
}

function problem(reason: string): StatementParseError {
  return new StatementParseError(reason);
}
