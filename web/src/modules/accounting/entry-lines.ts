// The lines of an entry being typed: pure, so the totals and the request are tested without a
// browser. Amounts are typed text; totals are summed in integer minor units, never floats.
import type { PostEntryRequest } from '@shared/accounting/entry.ts';
import { formatAmount, parseAmount } from '../../i18n/money';

export type LineDraft = {
  /** Stable across edits, so errors and focus follow the line when others are added or removed. */
  key: string;
  accountId: string | null;
  partnerId: string | null;
  description: string;
  debit: string;
  credit: string;
};

export type EntryHeader = { journalId: string | null; date: string; description: string; reference: string };

export type AmountProblem = 'not_a_number' | 'too_many_decimals';

export type Totals = {
  debitMinor: number;
  creditMinor: number;
  /** Amount cells that are not amounts, by `${key}.debit` / `${key}.credit`. */
  invalid: Map<string, AmountProblem>;
  /** Lines with an amount. */
  lineCount: number;
};

let counter = 0;
export function blankLine(patch: Partial<LineDraft> = {}): LineDraft {
  counter += 1;
  return {
    key: `line-${counter}`,
    accountId: null,
    partnerId: null,
    description: '',
    debit: '',
    credit: '',
    ...patch,
  };
}

export function isBlank(line: LineDraft): boolean {
  return (
    !line.accountId &&
    !line.partnerId &&
    !line.description.trim() &&
    !line.debit.trim() &&
    !line.credit.trim()
  );
}

export function totalsOf(lines: readonly LineDraft[], currency: string): Totals {
  const totals: Totals = { debitMinor: 0, creditMinor: 0, invalid: new Map(), lineCount: 0 };
  for (const line of lines) {
    let hasAmount = false;
    for (const side of ['debit', 'credit'] as const) {
      const parsed = parseAmount(line[side], currency);
      if (parsed.kind === 'invalid') totals.invalid.set(`${line.key}.${side}`, parsed.reason);
      if (parsed.kind === 'amount') {
        totals[side === 'debit' ? 'debitMinor' : 'creditMinor'] += parsed.minor;
        hasAmount ||= parsed.minor > 0;
      }
    }
    if (hasAmount) totals.lineCount += 1;
  }
  return totals;
}

/** Ready to post: every amount readable, two lines or more, and debits equal to credits. */
export function isBalanced(totals: Totals): boolean {
  return (
    totals.invalid.size === 0 &&
    totals.lineCount >= 2 &&
    totals.debitMinor > 0 &&
    totals.debitMinor === totals.creditMinor
  );
}

/** A new line carrying what is missing to balance, on the side that lacks it. */
export function balancingLine(lines: readonly LineDraft[], currency: string): LineDraft {
  const { debitMinor, creditMinor, invalid } = totalsOf(lines, currency);
  if (invalid.size > 0 || debitMinor === creditMinor) return blankLine();
  const missing = formatAmount(Math.abs(debitMinor - creditMinor), currency);
  return debitMinor > creditMinor ? blankLine({ credit: missing }) : blankLine({ debit: missing });
}

export type EntryRequest = {
  body: PostEntryRequest;
  /** The key of the line sent at each index, to put errors (`lines.1.accountId`) beside it. */
  keys: string[];
};

/** The request for the lines typed so far; blank lines are left out. */
export function entryRequest(
  header: EntryHeader,
  lines: readonly LineDraft[],
  currency: string,
): EntryRequest {
  const sent = lines.filter((line) => !isBlank(line));
  const amount = (text: string) => {
    const parsed = parseAmount(text, currency);
    // Unreadable amounts are sent as typed, so the schema refuses them beside their cell.
    return parsed.kind === 'amount' ? parsed.decimal : parsed.kind === 'empty' ? undefined : text;
  };
  const body = {
    journalId: header.journalId ?? '',
    date: header.date,
    description: header.description,
    reference: header.reference.trim() || null,
    lines: sent.map((line) => ({
      accountId: line.accountId ?? '',
      debit: amount(line.debit),
      credit: amount(line.credit),
      partnerId: line.partnerId,
      description: line.description.trim() || null,
    })),
  };
  return { body, keys: sent.map((line) => line.key) };
}

/** Errors keyed by the request's paths (`lines.1.debit`) rekeyed by line (`lines.line-7.debit`). */
export function errorsByLine(
  errors: Record<string, string>,
  keys: readonly string[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^lines\.(\d+)(\..+)?$/.exec(path);
    const key = match ? keys[Number(match[1])] : undefined;
    const target = match && key ? `lines.${key}${match[2] ?? ''}` : path;
    if (!(target in result)) result[target] = message;
  }
  return result;
}
