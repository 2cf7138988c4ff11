import { createHash } from 'node:crypto';

// Duplicate keys make importing idempotent: the same bank line keeps the same key in every file
// it appears in, so a second import of a file, or of a period overlapping the last one, finds the
// lines it already has.

type KeyedContent = {
  // Counted separately per scope (the account), so two accounts never share a count.
  scope?: string;
  bookingDate: string;
  amountMinor: number;
  currency: string;
  counterpartyName: string | null;
  remittanceText: string | null;
};

/**
 * Content keys for lines the bank gave no reference for: a SHA-256 of date, amount, currency,
 * counterparty and text, plus how many identical lines came before in the same file, so two
 * identical coffees on one day stay two lines, yet each keeps its key in an overlapping file.
 */
export function contentKeys(lines: readonly KeyedContent[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const content = JSON.stringify([
      line.scope ?? '',
      line.bookingDate,
      line.amountMinor,
      line.currency,
      normaliseForKey(line.counterpartyName),
      normaliseForKey(line.remittanceText),
    ]);
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    return sha256Hex(`${content}#${occurrence}`);
  });
}

/** Appends #2, #3, … to keys repeated within one file, so every line of a file has its own key. */
export function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return occurrence === 1 ? key : `${key}#${occurrence}`;
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Exports of the same bank differ in spacing between runs more often than in content.
function normaliseForKey(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
