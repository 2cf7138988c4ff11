import { StatementParseError } from './statement-parse-error.ts';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'latin1';

// Node's TextDecoder follows the WHATWG Encoding Standard, where "latin1" and "iso-8859-1" are
// labels of windows-1252: files that say Latin-1 but carry € (0x80) or curly quotes read right.
const DECODER_LABEL: Record<TextEncoding, string> = {
  'utf-8': 'utf-8',
  'windows-1252': 'windows-1252',
  latin1: 'latin1',
};

/**
 * Bytes to text in the given encoding, without a byte order mark. A BOM wins over the stated
 * encoding, since it cannot be mistaken. UTF-8 that is not valid UTF-8 is refused with its line.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (encoding === 'utf-8') return decodeUtf8(bytes);
  return new TextDecoder(DECODER_LABEL[encoding]).decode(bytes);
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
