import { describe, expect, it } from 'vitest';
import { type OfxElement, ofxChild, ofxChildren, ofxValue, readOfxTree } from './ofx-tree.ts';
import type { StatementParseError } from './statement-parse-error.ts';

const shape = (element: OfxElement): unknown =>
  element.children.length > 0
    ? { [element.name]: element.children.map(shape) }
    : { [element.name]: element.value };

describe('the tolerant OFX tag reader', () => {
  it('reads SGML leaves that are never closed and XML leaves that are', () => {
    const tree = readOfxTree('<OFX><A><B>1<C>two</C><D>3\n</A></OFX>', 1);
    expect(shape(ofxChild(tree, 'OFX') as OfxElement)).toEqual({
      OFX: [{ A: [{ B: '1' }, { C: 'two' }, { D: '3' }] }],
    });
  });

  it('treats an unclosed empty element as empty, not as the parent of what follows', () => {
    const tree = readOfxTree('<OFX><ACCT><BANKID>1<BRANCHID><ACCTID>42</ACCT></OFX>', 1);
    const account = ofxChild(tree, 'OFX', 'ACCT');
    expect(account?.children.map((child) => [child.name, child.value])).toEqual([
      ['BANKID', '1'],
      ['BRANCHID', ''],
      ['ACCTID', '42'],
    ]);
  });

  it('reads empty, self-closed and CDATA elements, skips comments and instructions, decodes entities', () => {
    const body =
      '<?OFX VERSION="211"?><OFX><!-- note --><E></E><S/><N><![CDATA[ A <b> ]]></N><M>AT&amp;T &#233; &bogus; A&B</M></OFX>';
    const ofx = ofxChild(readOfxTree(body, 1), 'OFX');
    expect(ofxChild(ofx, 'E')?.value).toBe('');
    expect(ofxChild(ofx, 'S')?.value).toBe('');
    expect(ofxValue(ofx, 'N')).toBe('A <b>');
    expect(ofxValue(ofx, 'M')).toBe('AT&T é &bogus; A&B');
    expect(ofxValue(ofx, 'E')).toBeNull();
  });

  it('keeps repeated elements in order and counts lines for every element', () => {
    const ofx = ofxChild(readOfxTree('<OFX>\n<T>1\n<T>2\r\n<T>3\r<U>4\n</OFX>', 10), 'OFX');
    expect(ofxChildren(ofx, 'T').map((element) => [element.value, element.line])).toEqual([
      ['1', 11],
      ['2', 12],
      ['3', 13],
    ]);
    expect(ofxChild(ofx, 'U')?.line).toBe(14);
  });

  it('refuses a closing tag that was never opened, stray text, and a file cut short, with lines', () => {
    const refusal = (body: string) => {
      try {
        readOfxTree(body, 1);
      } catch (error) {
        return error as StatementParseError;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal('<OFX>\n<A>1\n</B>\n</OFX>')).toMatchObject({
      reason: '</B> closes an element that was never opened',
      line: 3,
    });
    expect(refusal('<OFX><A><B>1</B>junk</A></OFX>').reason).toMatch(/stands outside any element/);
    expect(refusal('<OFX>\n<LIST>\n<T>1\n').reason).toMatch(/ends inside <LIST>.*cut short/);
  });
});
