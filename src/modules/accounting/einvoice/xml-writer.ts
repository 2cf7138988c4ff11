// A small XML writer for UBL: elements are built in schema order by the caller, and this file
// only escapes and prints. An element with no text and no children is never written, because
// UBL has no meaningful empty elements and Peppol refuses them (PEPPOL-EN16931-R008).

export type XmlElement = {
  name: string;
  attributes: [string, string][];
  children: XmlElement[];
  text: string | null;
};

type Child = XmlElement | null | undefined | false;
type Attributes = Record<string, string | null | undefined>;

// XML 1.0 cannot carry C0 controls other than tab, newline and carriage return, nor U+FFFE/U+FFFF
// or unpaired surrogates, not even as character references: they are dropped rather than making
// the whole document unreadable.
function isXmlChar(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false; // a lone surrogate
  return codePoint !== 0xfffe && codePoint !== 0xffff;
}

function xmlChars(text: string): string {
  let out = '';
  for (const char of text) if (isXmlChar(char.codePointAt(0)!)) out += char;
  return out;
}

function attributeList(attributes: Attributes | undefined): [string, string][] {
  const list: [string, string][] = [];
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value !== null && value !== undefined && value.trim() !== '') list.push([key, value]);
  }
  return list;
}

/** A text element, or null when there is no text to write. */
export function leaf(
  name: string,
  text: string | null | undefined,
  attributes?: Attributes,
): XmlElement | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  return { name, attributes: attributeList(attributes), children: [], text };
}

/** An aggregate element, or null when none of its children is written. */
export function node(name: string, children: Child[], attributes?: Attributes): XmlElement | null {
  const present = children.filter((child): child is XmlElement => Boolean(child));
  if (present.length === 0) return null;
  return { name, attributes: attributeList(attributes), children: present, text: null };
}

export function escapeText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Tabs and line breaks in attributes are written as references, or a parser would normalise
// them to spaces.
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function print(element: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attributes = element.attributes.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('');
  if (element.text !== null) {
    // Carriage returns would be normalised away by any reader; a reference keeps them.
    out.push(
      `${pad}<${element.name}${attributes}>${escapeText(element.text).replace(/\r/g, '&#13;')}</${element.name}>`,
    );
    return;
  }
  out.push(`${pad}<${element.name}${attributes}>`);
  for (const child of element.children) print(child, depth + 1, out);
  out.push(`${pad}</${element.name}>`);
}

/** The document as UTF-8 XML text with an XML declaration, indented by two spaces. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  print(root, 0, out);
  return `${out.join('\n')}\n`;
}
