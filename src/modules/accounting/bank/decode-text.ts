import { StatementParseError } from './statement-parse-error.ts';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'latin1';

// The WHATWG Encoding Standard reads "latin1" and "iso-8859-1" as windows-1252, so files that say
// Latin-1 but carry € (0x80) or curly quotes read right; we do the same. Node 20's TextDecoder
// does not: for these labels it decodes 0x80–0x9F as C1 control characters, so the 32 characters
// windows-1252 puts there are mapped here (undefined bytes stay as their code points, as WHATWG).
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Bytes to text in the given encoding, without a byte order mark. A BOM wins over the stated
 * encoding, since it cannot be mistaken. UTF-8 that is not valid UTF-8 is refused with its line.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (encoding === 'utf-8') return decodeUtf8(bytes);
  return decodeWindows1252(bytes);
}

/** Windows-1252 (and Latin-1 read as WHATWG reads it): one byte, one character. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(byte - 0x80) : byte,
    );
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** Whether the bytes are valid UTF-8 (pure ASCII is). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Decode again leniently only to say where the first bad byte sits.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = at < 0 ? null : lineOfOffset(lenient, at);
    throw new StatementParseError(
      'The file is not valid UTF-8: choose its real encoding (often windows-1252 or latin1 for bank exports)',
      line,
    );
  }
}

/** The 1-based line number of a character offset; \r\n, \n and a lone \r each end a line. */
export function lineOfOffset(text: string, offset: number): number {
  const before = text.slice(0, offset);
  return 1 + (before.match(/\r\n|\r|\n/g)?.length ?? 0);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
