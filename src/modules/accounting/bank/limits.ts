import { StatementParseError } from './statement-parse-error.ts';

// A year of a busy account fits many times over; anything bigger is a mistake or an attack.
export const MAX_STATEMENT_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_STATEMENT_LINES = 100_000;

export function assertFileSize(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_STATEMENT_FILE_BYTES) {
    throw new StatementParseError(
      `The file is ${bytes.byteLength} bytes; bank files over ${MAX_STATEMENT_FILE_BYTES} bytes (20 MB) are refused`,
    );
  }
}

// Text lines of a CSV file, or entries and transactions of a camt or OFX file.
export function assertLineCount(count: number, what: string): void {
  if (count > MAX_STATEMENT_LINES) {
    throw new StatementParseError(
      `The file has ${count} ${what}; at most ${MAX_STATEMENT_LINES} are read from one file: split it`,
    );
  }
}

export function countTextLines(text: string): number {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // \r\n counts once, a lone \r (old Mac exports) counts as a line end too.
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
  }
  const endsWithBreak = /[\r\n]$/.test(text);
  return text.length === 0 ? 0 : breaks + (endsWithBreak ? 0 : 1);
}
