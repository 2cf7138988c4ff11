// A namespace-aware reading of an XML document into a small tree, on fast-xml-parser. Elements
// are matched by namespace URI and local name, never by the prefix a sender happened to choose.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UBL_NS } from './ubl-names.ts';

export type XmlNode = {
  ns: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** The concatenated text directly inside the element, untrimmed. */
  text: string;
};

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes numeric character references (&#233;), which the XML entities alone leave as text.
  htmlEntities: true,
});

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function scopeOf(attributes: Record<string, string>, parent: Map<string, string>): Map<string, string> {
  let scope = parent;
  for (const [key, value] of Object.entries(attributes)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    if (scope === parent) scope = new Map(parent);
    scope.set(key === 'xmlns' ? '' : key.slice(6), value);
  }
  return scope;
}

function toNode(
  name: string,
  body: Ordered[],
  attributes: Record<string, string>,
  parent: Map<string, string>,
): XmlNode {
  const scope = scopeOf(attributes, parent);
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '')
    throw new XmlSyntaxError(`Unbound namespace prefix "${prefix}" on <${name}>`);
  const result: XmlNode = { ns: ns ?? '', local: name.slice(colon + 1), attributes, children: [], text: '' };
  for (const item of body) {
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text') result.text += String(value);
      else result.children.push(toNode(key, value as Ordered[], item[':@'] ?? {}, scope));
    }
  }
  return result;
}

/** Parses well-formed XML without a DOCTYPE into its root element; throws XmlSyntaxError otherwise. */
export function parseXmlTree(xml: string): XmlNode {
  // UBL never needs a DTD, and refusing one keeps entity expansion (and external entities) out.
  if (xml.includes('<!DOCTYPE'))
    throw new XmlSyntaxError('A document type declaration (DOCTYPE) is not allowed');
  const check = XMLValidator.validate(xml);
  if (check !== true)
    throw new XmlSyntaxError(`${check.err.msg} (line ${check.err.line}, column ${check.err.col})`);
  const items = parser.parse(xml) as Ordered[];
  const roots = items.flatMap((item) => Object.keys(item).filter((key) => key !== ':@' && key !== '#text'));
  if (roots.length !== 1) throw new XmlSyntaxError('A document has exactly one root element');
  const rootItem = items.find((item) => roots[0]! in item)!;
  return toNode(
    roots[0]!,
    rootItem[roots[0]!] as Ordered[],
    rootItem[':@'] ?? {},
    new Map([['xml', XML_NS]]),
  );
}

// Paths name UBL elements with the usual prefixes, e.g. "cac:Party/cbc:EndpointID".
const PATH_PREFIXES: Record<string, string> = { cac: UBL_NS.cac, cbc: UBL_NS.cbc };

function stepsOf(path: string): [string, string][] {
  return path.split('/').map((step) => {
    const [prefix, local] = step.split(':') as [string, string];
    const ns = PATH_PREFIXES[prefix];
    if (!ns || !local) throw new Error(`Bad path step ${step}`);
    return [ns, local];
  });
}

/** Every element at `path` below `from`, in document order. */
export function findAll(from: XmlNode | undefined, path: string): XmlNode[] {
  let current = from ? [from] : [];
  for (const [ns, local] of stepsOf(path)) {
    current = current.flatMap((parent) => parent.children.filter((c) => c.ns === ns && c.local === local));
  }
  return current;
}

export function find(from: XmlNode | undefined, path: string): XmlNode | undefined {
  return findAll(from, path)[0];
}

/** The trimmed text at `path`, or null when the element is absent or blank. */
export function textAt(from: XmlNode | undefined, path: string): string | null {
  const text = find(from, path)?.text.trim();
  return text ? text : null;
}

export function attributeOf(element: XmlNode | undefined, name: string): string | null {
  const value = element?.attributes[name]?.trim();
  return value ? value : null;
}
