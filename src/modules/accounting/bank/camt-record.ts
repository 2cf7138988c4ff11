import { isValidIban, normaliseIban } from '../../../shared/iban.ts';
import { isKnownCurrency } from '../../../shared/money.ts';
import { bookedBalanceCurrency, pickBalance, readBalances } from './camt-balances.ts';
import { entryLines } from './camt-entry.ts';
import { dateFromXml } from './dates.ts';
import type { StatementAccount, StatementFormat } from './statement.ts';
import type { LineDraft, StatementDraft } from './statement-draft.ts';
import type { ProblemList } from './statement-parse-error.ts';
import { child, children, text, type XmlNode } from './xml-node.ts';

export type RecordContext = {
  format: StatementFormat;
  index: number;
  groupHeader: XmlNode | undefined;
  entryLines: number[];
  firstEntryIndex: number;
  includeNotBooked: boolean;
  problems: ProblemList;
};

const RECORD_NAMES: Record<string, string> = { 'camt.053': 'Stmt', 'camt.052': 'Rpt', 'camt.054': 'Ntfctn' };

/** One Stmt, Rpt or Ntfctn: its account, balances and booked lines (keys come later, per file). */
export function readRecord(record: XmlNode, context: RecordContext): StatementDraft {
  const where = `${RECORD_NAMES[context.format]} ${context.index + 1}`;
  const { problems } = context;
  const statementId = text(record, 'Id');
  if (statementId === null) problems.add(null, `${where}: Id is missing`);
  const account = readAccount(record, where, problems);
  const notes: string[] = [];
  if (account.iban !== null && !isValidIban(account.iban)) {
    notes.push(
      `${where}: the account IBAN ${account.iban} does not pass the IBAN check; kept as the bank wrote it`,
    );
  }
  const balances = readBalances(record, where, problems);
  const lines = readEntries(record, context, where, notes);
  account.currency ??= bookedBalanceCurrency(balances) ?? singleCurrency(lines);
  const opening = pickBalance(balances, 'opening', account.currency);
  const closing = pickBalance(balances, 'closing', account.currency);
  for (const balance of balances) {
    if (
      account.currency &&
      balance.currency !== account.currency &&
      ['OPBD', 'PRCD', 'CLBD'].includes(balance.type)
    ) {
      notes.push(
        `${where}: the ${balance.type} balance is in ${balance.currency}, not the account's ${account.currency}`,
      );
    }
  }
  const period = readPeriod(record, where, problems);
  return {
    format: context.format,
    statementId,
    account,
    accountKey: account.iban ?? account.number ?? 'unknown-account',
    openingBalanceMinor: opening?.amountMinor ?? null,
    openingBalanceDate: opening?.date ?? null,
    closingBalanceMinor: closing?.amountMinor ?? null,
    closingBalanceDate: closing?.date ?? null,
    balances,
    fromDate: period.from ?? firstDate(lines, 'min'),
    toDate: period.to ?? firstDate(lines, 'max'),
    lines,
    notes,
  };
}

function readEntries(record: XmlNode, context: RecordContext, where: string, notes: string[]): LineDraft[] {
  const fallbackDate = messageDate(record) ?? messageDate(context.groupHeader);
  const lines: LineDraft[] = [];
  let skipped = 0;
  children(record, 'Ntry').forEach((entry, index) => {
    const sourceLine = context.entryLines[context.firstEntryIndex + index] ?? null;
    const entryContext = {
      where: `${where}, Ntry ${index + 1}`,
      fallbackDate,
      includeNotBooked: context.includeNotBooked,
      notes,
    };
    const read = context.problems.attempt(sourceLine, () => entryLines(entry, entryContext));
    if (read?.length === 0) skipped++;
    lines.push(...(read ?? []));
  });
  if (skipped > 0) notes.push(`${where}: ${skipped} entries not booked (Sts other than BOOK) were left out`);
  return lines;
}

function readAccount(record: XmlNode, where: string, problems: ProblemList): StatementAccount {
  const account = child(record, 'Acct');
  const iban = text(account, 'Id', 'IBAN');
  const other = text(account, 'Id', 'Othr', 'Id');
  if (account === undefined || (iban === null && other === null)) {
    problems.add(null, `${where}: Acct/Id (IBAN or Othr/Id) is missing`);
  }
  const servicer = child(account, 'Svcr', 'FinInstnId');
  const currency = text(account, 'Ccy');
  if (currency !== null && !isKnownCurrency(currency)) {
    problems.add(null, `${where}: Acct/Ccy ${JSON.stringify(currency)} is not a known ISO 4217 currency`);
  }
  // Some banks give the IBAN as a proprietary identification (Othr/Id); it is still the IBAN.
  const accountIban = iban ?? (other !== null && isValidIban(other) ? other : null);
  return {
    iban: accountIban === null ? null : normaliseIban(accountIban),
    number: other,
    bic: text(servicer, 'BICFI') ?? text(servicer, 'BIC'),
    currency,
  };
}

function readPeriod(
  record: XmlNode,
  where: string,
  problems: ProblemList,
): { from: string | null; to: string | null } {
  const read = (name: string) => {
    const value = text(record, 'FrToDt', `${name}DtTm`) ?? text(record, 'FrToDt', `${name}Dt`);
    return value === null
      ? null
      : problems.attempt(null, () => dateFromXml(value, `${where} FrToDt/${name}DtTm`));
  };
  return { from: read('Fr'), to: read('To') };
}

function messageDate(node: XmlNode | undefined): string | null {
  const created = text(node, 'CreDtTm');
  try {
    return created === null ? null : dateFromXml(created, 'CreDtTm');
  } catch {
    return null;
  }
}

function singleCurrency(lines: LineDraft[]): string | null {
  const currencies = new Set(lines.map((line) => line.currency));
  return currencies.size === 1 ? ([...currencies][0] ?? null) : null;
}

function firstDate(lines: LineDraft[], which: 'min' | 'max'): string | null {
  const dates = lines.map((line) => line.bookingDate).sort();
  return (which === 'min' ? dates[0] : dates.at(-1)) ?? null;
}
