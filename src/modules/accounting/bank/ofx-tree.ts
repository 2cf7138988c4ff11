import { StatementParseError } from './statement-parse-error.ts';

// OFX 1.x is SGML: aggregates are closed (</STMTTRN>) but elements holding a value usually are not
// (<TRNAMT>-5.50). OFX 2.x is XML, yet exporters mix both styles, so one tolerant reader serves
// all: an element followed by text is a leaf ended by its text, whether or not </NAME> follows.

export type OfxElement = { name: string; value: string | null; children: OfxElement[]; line: number };

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][\w.-]*)[^>]*?(\/?)>/g;

type Reader = {
  stack: OfxElement[];
  closedLeaf: OfxElement | null;
  pendingText: string;
  pendingLine: number;
};

/** The element tree of an OFX body (from <OFX> on), under a nameless root. */
export function readOfxTree(body: string, firstLine: number): OfxElement {
  const root: OfxElement = { name: '', value: null, children: [], line: firstLine };
  const reader: Reader = { stack: [root], closedLeaf: null, pendingText: '', pendingLine: firstLine };
  let line = firstLine;
  let last = 0;
  for (const token of body.matchAll(TOKEN)) {
    line += countBreaks(body, last, token.index);
    addText(reader, decodeEntities(body.slice(last, token.index)), line);
    last = token.index + token[0].length;
    const [whole, cdata, slash, name, selfClosing] = token;
    if (cdata !== undefined) addText(reader, cdata, line, true);
    else if (name !== undefined) {
      flushText(reader);
      if (slash) closeElement(reader, name.toUpperCase(), line);
      else openElement(reader, name.toUpperCase(), line, selfClosing === '/');
    }
    line += countBreaks(whole, 0, whole.length);
  }
  addText(reader, decodeEntities(body.slice(last)), line);
  flushText(reader);
  assertNothingOpen(reader.stack);
  return root;
}

/** The first descendant along a path of names, e.g. ofxChild(stmtrs, 'LEDGERBAL', 'BALAMT'). */
export function ofxChild(element: OfxElement | undefined, ...path: string[]): OfxElement | undefined {
  let current = element;
  for (const name of path) current = current?.children.find((item) => item.name === name);
  return current;
}

export function ofxChildren(element: OfxElement | undefined, name: string): OfxElement[] {
  return element?.children.filter((item) => item.name === name) ?? [];
}

/** The trimmed value along the path; null when the element is absent or empty. */
export function ofxValue(element: OfxElement | undefined, ...path: string[]): string | null {
  const value = ofxChild(element, ...path)?.value?.trim() ?? '';
  return value === '' ? null : value;
}

function addText(reader: Reader, text: string, line: number, keepSpaces = false): void {
  if (reader.pendingText === '') reader.pendingLine = line;
  if (keepSpaces || text.trim() !== '') reader.pendingText += text;
}

// Text ends the element it follows: that element is a leaf holding the text.
function flushText(reader: Reader): void {
  const text = reader.pendingText;
  if (text === '') return;
  reader.pendingText = '';
  const top = reader.stack.at(-1);
  if (top === undefined || top === reader.stack[0] || top.children.length > 0 || top.value !== null) {
    throw new StatementParseError(
      `Text ${JSON.stringify(text.trim().slice(0, 40))} stands outside any element`,
      reader.pendingLine,
    );
  }
  top.value = text.trim();
  reader.stack.pop();
  reader.closedLeaf = top;
}

function openElement(reader: Reader, name: string, line: number, selfClosing: boolean): void {
  reader.closedLeaf = null;
  const element: OfxElement = { name, value: selfClosing ? '' : null, children: [], line };
  reader.stack.at(-1)?.children.push(element);
  if (!selfClosing) reader.stack.push(element);
}

function closeElement(reader: Reader, name: string, line: number): void {
  const { stack } = reader;
  if (reader.closedLeaf?.name === name) {
    reader.closedLeaf = null;
    return;
  }
  reader.closedLeaf = null;
  const index = stack.findLastIndex((element) => element.name === name);
  if (index < 1) throw new StatementParseError(`</${name}> closes an element that was never opened`, line);
  // Elements still open above it were empty and unclosed (SGML allows <BRANCHID> alone): what
  // was read as their children are really their following siblings.
  while (stack.length - 1 > index) {
    const unclosed = stack.pop() as OfxElement;
    const parent = stack.at(-1) as OfxElement;
    parent.children.push(...unclosed.children);
    unclosed.children = [];
    unclosed.value = '';
  }
  const closed = stack.pop() as OfxElement;
  if (closed.children.length === 0 && closed.value === null) closed.value = '';
}

// At the end, open leaves are fine (<OFX> bodies may end on a value); open aggregates mean the
// file was cut short.
function assertNothingOpen(stack: OfxElement[]): void {
  const open = stack.slice(1).findLast((element) => element.children.length > 0);
  if (open) {
    throw new StatementParseError(
      `The file ends inside <${open.name}>, opened here and never closed: it may be cut short`,
      open.line,
    );
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

// SGML OFX often carries a bare "&" (AT&T): an unknown entity is left as written.
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? Number.parseInt(entity.slice(2), 16)
          : Number(entity.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function countBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
  }
  return breaks;
}
