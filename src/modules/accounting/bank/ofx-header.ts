import { decodeText, isValidUtf8, lineOfOffset } from './decode-text.ts';
import { StatementParseError } from './statement-parse-error.ts';

export type OfxDocument = { version: 1 | 2; body: string; bodyLine: number; notes: string[] };

/** Whether the start of a file looks like OFX: an OFX 1 header, an <?OFX?> instruction or <OFX>. */
export function looksLikeOfx(head: string): boolean {
  return /^\s*(?:\uFEFF)?\s*(?:OFXHEADER:|DATA:OFXSGML)/i.test(head) || /<\?OFX\s|<OFX>/i.test(head);
}

/**
 * Finds the OFX header (OFX 1 "KEY:VALUE" lines or OFX 2 XML instructions), decodes the file in
 * the charset it names (OFX 1 files from US banks are usually CHARSET:1252) and returns the body.
 */
export function readOfxDocument(bytes: Uint8Array): OfxDocument {
  // Windows-1252 maps each byte to one character, so offsets found here hold in the decoded text.
  const raw = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const start = /<OFX[\s>]/i.exec(raw) ?? /<OFX[\s>]/i.exec(new TextDecoder('windows-1252').decode(bytes));
  if (!start) throw new StatementParseError('The file has no <OFX> element');
  const header = raw.slice(0, Math.min(start.index, raw.length));
  const notes: string[] = [];
  const isXml = /<\?OFX\s|<\?xml\s/i.test(header);
  const text = decodeBody(bytes, charsetOf(header, isXml), notes);
  const bodyStart = text.search(/<OFX[\s>]/i);
  return {
    version: isXml ? 2 : 1,
    body: text.slice(bodyStart),
    bodyLine: lineOfOffset(text, bodyStart),
    notes,
  };
}

type Charset = 'utf-8' | 'windows-1252' | 'unknown';

function charsetOf(header: string, isXml: boolean): Charset {
  if (isXml) {
    const declared = /encoding\s*=\s*["']([\w.-]+)["']/i.exec(header)?.[1]?.toLowerCase();
    if (declared === undefined || declared === 'utf-8' || declared === 'utf8') return 'utf-8';
    return /1252|8859|latin/.test(declared) ? 'windows-1252' : 'unknown';
  }
  const fields = new Map(
    [...header.matchAll(/^\s*([A-Z]+):(.*?)\s*$/gim)].map((match) => [
      match[1]?.toUpperCase(),
      match[2]?.toUpperCase(),
    ]),
  );
  if (fields.get('ENCODING') === 'UTF-8') return 'utf-8';
  const charset = fields.get('CHARSET');
  if (charset === '1252' || charset === 'ISO-8859-1' || charset === '8859-1') return 'windows-1252';
  return 'unknown';
}

// A declared UTF-8 that is not UTF-8 is read as Windows-1252 (the usual truth) rather than refused.
function decodeBody(bytes: Uint8Array, charset: Charset, notes: string[]): string {
  const utf8 = isValidUtf8(bytes);
  if (charset === 'windows-1252') return decodeText(bytes, 'windows-1252');
  if (utf8) return decodeText(bytes, 'utf-8');
  if (charset === 'utf-8') notes.push('The file says UTF-8 but is not; it was read as Windows-1252');
  return decodeText(bytes, 'windows-1252');
}
