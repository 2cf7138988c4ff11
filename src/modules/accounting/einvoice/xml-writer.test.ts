import { describe, expect, it } from 'vitest';
import { parseXmlTree } from './xml-tree.ts';
import { escapeAttribute, leaf, node, serializeXml } from './xml-writer.ts';

describe('the XML writer', () => {
  it('leaves out elements with nothing in them', () => {
    expect(leaf('cbc:Name', '  ')).toBeNull();
    expect(leaf('cbc:Name', null)).toBeNull();
    expect(node('cac:Contact', [leaf('cbc:Name', null), null, false])).toBeNull();
    expect(leaf('cbc:ID', '7', { schemeID: '' })?.attributes).toEqual([]);
  });

  it('escapes text and attributes so that a reader gets them back unchanged', () => {
    const text = 'Smith & Sons <Ltd> "A" \'B\'\nsecond line\r\nthird\twith tab';
    const attribute = 'a"b<c&d\te\nf';
    const xml = serializeXml(node('Root', [leaf('Text', text, { attr: attribute })])!);
    const root = parseXmlTree(xml);
    expect(root.children[0]!.text).toBe(text);
    expect(root.children[0]!.attributes.attr).toBe(attribute);
    expect(escapeAttribute('\t')).toBe('&#9;');
  });

  it('drops characters XML 1.0 cannot carry', () => {
    const xml = serializeXml(node('Root', [leaf('Text', 'bell\u0007 nul\u0000 lone\uD800 pair😀')])!);
    expect(parseXmlTree(xml).children[0]!.text).toBe('bell nul lone pair😀');
  });
});
