import { describe, expect, it } from 'vitest';
import { find, parseXmlTree, textAt, XmlSyntaxError } from './xml-tree.ts';

const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';

describe('the namespace-aware XML reader', () => {
  it('finds UBL elements by namespace, whatever prefix or default namespace the sender used', () => {
    const root = parseXmlTree(
      `<r xmlns:x="${CAC}"><x:Party><ID xmlns="${CBC}">42</ID><y:ID xmlns:y="urn:other">no</y:ID></x:Party></r>`,
    );
    expect(textAt(root, 'cac:Party/cbc:ID')).toBe('42');
    expect(find(root, 'cac:Party/cbc:Name')).toBeUndefined();
  });

  it('decodes entities, character references and CDATA', () => {
    const root = parseXmlTree(
      `<r xmlns:cbc="${CBC}"><cbc:Note>a &amp; b &#233;&#x41; <![CDATA[<c>]]></cbc:Note></r>`,
    );
    expect(textAt(root, 'cbc:Note')).toBe('a & b éA <c>');
  });

  it('refuses XML that is not well-formed, unbound prefixes and DTDs', () => {
    expect(() => parseXmlTree('<a><b></a>')).toThrow(XmlSyntaxError);
    expect(() => parseXmlTree('<p:a/>')).toThrow(/Unbound namespace prefix/);
    expect(() => parseXmlTree('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toThrow(/DOCTYPE/);
  });
});
