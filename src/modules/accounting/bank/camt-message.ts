import { decodeText, isValidUtf8, lineOfOffset } from './decode-text.ts';
import type { StatementFormat } from './statement.ts';
import { StatementParseError } from './statement-parse-error.ts';
import { children, parseXml, type XmlNode } from './xml-node.ts';

type CamtFormat = Extract<StatementFormat, `camt.${string}`>;

// The message element and the name of its repeated record, per camt message.
const MESSAGES: Record<CamtFormat, { root: string; record: string }> = {
  'camt.053': { root: 'BkToCstmrStmt', record: 'Stmt' },
  'camt.052': { root: 'BkToCstmrAcctRpt', record: 'Rpt' },
  'camt.054': { root: 'BkToCstmrDbtCdtNtfctn', record: 'Ntfctn' },
};

const NAMESPACE =
  /xmlns(?::[\w.-]+)?\s*=\s*["']urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.001\.(\d{2})["']/;
const MIN_VERSION = 2;
const MAX_VERSION = 13;

export type CamtMessage = {
  format: CamtFormat;
  version: number;
  groupHeader: XmlNode | undefined;
  records: XmlNode[];
  // Source line of each Ntry element in document order, to say where a bad entry is.
  entryLines: number[];
};

/** Whether the start of a file looks like a camt.052/053/054 document. */
export function looksLikeCamt(head: string): boolean {
  return (
    NAMESPACE.test(head) ||
    /<(?:[\w.-]+:)?(BkToCstmrStmt|BkToCstmrAcctRpt|BkToCstmrDbtCdtNtfctn)[\s>]/.test(head)
  );
}

/** Decodes and checks a camt document and finds its statements, reports or notifications. */
export function readCamtMessage(bytes: Uint8Array): CamtMessage {
  const text = decodeXml(bytes);
  const namespace = NAMESPACE.exec(text);
  const document = parseXml(text);
  const root = children(document, 'Document')[0];
  if (root === undefined) throw new StatementParseError('The XML has no ISO 20022 Document element');
  const format = formatOf(root, namespace?.[1] as CamtFormat | undefined);
  const version = namespace ? Number(namespace[2]) : null;
  if (version !== null && (version < MIN_VERSION || version > MAX_VERSION)) {
    throw new StatementParseError(
      `${format}.001.${namespace?.[2]} is not supported: versions .001.02 to .001.${MAX_VERSION} are read`,
      lineOfOffset(text, namespace?.index ?? 0),
    );
  }
  const message = children(root, MESSAGES[format].root)[0];
  const records = children(message, MESSAGES[format].record);
  if (records.length === 0) {
    throw new StatementParseError(
      `${MESSAGES[format].root} has no ${MESSAGES[format].record}: the file holds no statement`,
    );
  }
  return {
    format,
    version: version ?? 0,
    groupHeader: children(message, 'GrpHdr')[0],
    records,
    entryLines: elementLines(text, 'Ntry'),
  };
}

function formatOf(root: XmlNode, declared: CamtFormat | undefined): CamtFormat {
  const present = (Object.keys(MESSAGES) as CamtFormat[]).filter(
    (format) => children(root, MESSAGES[format].root).length > 0,
  );
  const [found] = present;
  if (present.length !== 1 || found === undefined) {
    throw new StatementParseError(
      'The Document holds no BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn',
    );
  }
  if (declared && declared !== found) {
    throw new StatementParseError(
      `The namespace says ${declared} but the message is ${MESSAGES[found].root} (${found})`,
    );
  }
  return found;
}

// XML names its encoding in the declaration; UTF-8 is the default and what banks send.
function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared === 'iso-8859-15') return new TextDecoder('iso-8859-15').decode(bytes);
  if (declared && WINDOWS_1252_LABELS.has(declared)) return decodeText(bytes, 'windows-1252');
  if (declared && !/^(utf-8|utf8|us-ascii|ascii|utf-16)$/.test(declared)) {
    throw new StatementParseError(`The XML declares the encoding ${declared}, which is not read here`, 1);
  }
  // Undeclared and not UTF-8: an old export in the Windows code page, read as such.
  return decodeText(bytes, isValidUtf8(bytes) || declared !== undefined ? 'utf-8' : 'windows-1252');
}

const WINDOWS_1252_LABELS = new Set(['iso-8859-1', 'latin1', 'windows-1252', 'cp1252']);

function elementLines(text: string, name: string): number[] {
  const lines: number[] = [];
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s>/]`, 'g');
  let line = 1;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    line += (text.slice(last, match.index).match(/\r\n|\r|\n/g) ?? []).length;
    last = match.index;
    lines.push(line);
  }
  return lines;
}
