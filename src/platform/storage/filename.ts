// The name a file was uploaded with, made safe to keep and to show. It is metadata only: the store
// never uses it in a path.

export const MAX_FILENAME_BYTES = 255;
const FALLBACK_FILENAME = 'file';
// An extension longer than this is not worth keeping when the name has to be shortened.
const MAX_KEPT_EXTENSION_BYTES = 32;

// C0 and C1 controls, DEL, and the bidirectional overrides used to disguise an extension
// ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

// Cuts on code-point boundaries, so a multi-byte character is never split.
function truncateToBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/**
 * The last path component of `filename`, without control characters, at most 255 UTF-8 bytes
 * (shortened before the extension), and never empty, `.` or `..`.
 */
export function sanitiseFilename(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? '';
  const clean = base.replace(LONE_SURROGATE, '\uFFFD').replace(UNSAFE_CHARACTERS, '').normalize('NFC').trim();
  if (clean === '' || clean === '.' || clean === '..') return FALLBACK_FILENAME;
  if (utf8Bytes(clean) <= MAX_FILENAME_BYTES) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? clean.slice(dot) : '';
  if (extension && utf8Bytes(extension) <= MAX_KEPT_EXTENSION_BYTES) {
    const stem = truncateToBytes(clean.slice(0, dot), MAX_FILENAME_BYTES - utf8Bytes(extension));
    return `${stem.trimEnd()}${extension}`;
  }
  return truncateToBytes(clean, MAX_FILENAME_BYTES).trimEnd();
}
