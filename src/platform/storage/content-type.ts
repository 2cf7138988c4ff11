import { StorageErrors } from './errors.ts';

// What the store accepts, and how it checks that the bytes are what the uploader says they are.
// Binary formats are recognised by their magic bytes; text formats have none, so they are only
// checked for not being one of the binary formats (and for not holding NUL bytes).

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const DEFAULT_ALLOWED_CONTENT_TYPES: readonly string[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'text/plain',
  'text/csv',
  'application/xml',
  'text/xml',
  'application/json',
  'application/zip',
  XLSX,
  DOCX,
  'message/rfc822',
];

/** How many leading bytes the sniffer looks at; a stream is judged once it has sent this many. */
export const SNIFF_BYTES = 512;

// Names that clients send for the same type.
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'application/x-zip-compressed': 'application/zip',
};

// The magic-byte type that each binary type's content must have. OOXML documents are ZIP archives.
const SIGNATURE_OF: Record<string, string> = {
  'application/pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
  'application/zip': 'application/zip',
  [XLSX]: 'application/zip',
  [DOCX]: 'application/zip',
};

// Used only when the uploader declares no type and the bytes carry no signature (or are a ZIP).
const TYPE_OF_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  xml: 'application/xml',
  json: 'application/json',
  eml: 'message/rfc822',
  xlsx: XLSX,
  docx: DOCX,
};

const TEXTUAL_APPLICATION_TYPES = new Set(['application/json', 'application/xml', 'message/rfc822']);

/** `Image/PNG; charset=x` → `image/png`: the lower-case essence, aliases resolved. */
export function normaliseContentType(value: string): string {
  const essence = (value.split(';')[0] ?? '').trim().toLowerCase();
  return ALIASES[essence] ?? essence;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The binary type the leading bytes announce, or undefined for text and unknown formats. */
export function sniffContentType(head: Uint8Array): string | undefined {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return 'image/gif';
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return 'image/webp';
  if (startsWith(head, ZIP)) return 'application/zip';
  return undefined;
}

function isTextual(type: string): boolean {
  return (
    type.startsWith('text/') ||
    TEXTUAL_APPLICATION_TYPES.has(type) ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

// UTF-16 text (Excel's "Unicode text" export) is full of NULs but starts with a byte-order mark.
function looksLikeText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  return !head.includes(0);
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

function inferContentType(sniffed: string | undefined, filename: string): string {
  const byExtension = TYPE_OF_EXTENSION[extensionOf(filename)];
  if (sniffed === 'application/zip' && byExtension && SIGNATURE_OF[byExtension] === sniffed) {
    return byExtension;
  }
  if (sniffed) return sniffed;
  if (byExtension && !SIGNATURE_OF[byExtension]) return byExtension;
  return 'application/octet-stream';
}

export type ContentTypeCheck = {
  /** The first bytes of the content (up to SNIFF_BYTES; fewer when the content is shorter). */
  head: Uint8Array;
  declared?: string | undefined;
  filename: string;
  allowed: ReadonlySet<string>;
};

/**
 * The content type to store: the declared one (normalised) if it is allowed and the bytes agree
 * with it, else the type the bytes (or, for text and OOXML, the file extension) show.
 * Throws `storage.file_type_not_allowed` or `storage.file_type_mismatch`.
 */
export function resolveContentType({ head, declared, filename, allowed }: ContentTypeCheck): string {
  const sniffed = sniffContentType(head);
  const type = declared ? normaliseContentType(declared) : inferContentType(sniffed, filename);
  if (!allowed.has(type)) {
    throw StorageErrors.file_type_not_allowed(
      declared ? `${type} is not accepted` : 'the file type could not be recognised as an accepted type',
    );
  }
  const signature = SIGNATURE_OF[type];
  if (signature !== undefined && sniffed !== signature) {
    throw StorageErrors.file_type_mismatch(
      `declared as ${type} but the content is ${sniffed ?? 'not in that format'}`,
    );
  }
  if (isTextual(type) && (sniffed !== undefined || !looksLikeText(head))) {
    throw StorageErrors.file_type_mismatch(
      `declared as ${type} but the content is ${sniffed ?? 'binary data'}`,
    );
  }
  // Other types that an installation allows (legacy .xls, say) have no signature we check.
  return type;
}
