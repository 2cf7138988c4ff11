import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lineOfOffset } from './decode-text.ts';
import { StatementParseError } from './statement-parse-error.ts';

// fast-xml-parser output read with every element as a list, so "one or many" never needs a
// special case: a leaf without attributes is a string, anything else an object of child lists.
export type XmlNode = string | XmlObject;
export type XmlObject = { [name: string]: XmlNode[] | string | undefined };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name: string, _path: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute,
});

/** Parses well-formed XML into nodes; a document that is not is refused with its line. */
export function parseXml(text: string): XmlObject {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    // No bank format needs a DTD, and entity expansion is how XML bombs work.
    throw new StatementParseError(
      'The XML has a DOCTYPE declaration, which bank files never need',
      lineOfOffset(text, doctype.index),
    );
  }
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    throw new StatementParseError(`The file is not well-formed XML: ${verdict.err.msg}`, verdict.err.line);
  }
  return parser.parse(text) as XmlObject;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const list = node[name];
  return Array.isArray(list) ? list : [];
}

/** The first element along a path of names, e.g. child(entry, 'BookgDt', 'Dt'). */
export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = children(current, name)[0];
  return current;
}

/** The trimmed text of the element along the path; null when absent or empty. */
export function text(node: XmlNode | undefined, ...path: string[]): string | null {
  const target = path.length === 0 ? node : child(node, ...path);
  const value = typeof target === 'string' ? target : target?.['#text'];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function attribute(node: XmlNode | undefined, name: string): string | null {
  if (node === undefined || typeof node === 'string') return null;
  const value = node[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Every non-empty text of repeated elements, e.g. all Ustrd lines of a remittance. */
export function texts(node: XmlNode | undefined, name: string): string[] {
  return children(node, name)
    .map((item) => text(item))
    .filter((value): value is string => value !== null);
}
