import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findCreditorReferences,
  formatCreditorReference,
  isValidCreditorReference,
  makeCreditorReference,
} from './creditor-reference.ts';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const base = fc
  .array(fc.constantFrom(...ALPHANUMERIC), { minLength: 1, maxLength: 21 })
  .map((c) => c.join(''));

describe('ISO 11649 creditor references', () => {
  it("makes the standard's own example RF18539007547034", () => {
    expect(makeCreditorReference('539007547034')).toBe('RF18539007547034');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('builds on an invoice number, keeping only letters and digits', () => {
    const reference = makeCreditorReference('INV/2026/00042');
    expect(reference).toMatch(/^RF\d{2}INV202600042$/);
    expect(isValidCreditorReference(reference)).toBe(true);
    expect(makeCreditorReference('inv-2026-00042')).toBe(reference);
  });

  it('refuses a base with nothing to keep or more than 21 characters', () => {
    expect(() => makeCreditorReference('//--')).toThrow(/letters or digits/);
    expect(() => makeCreditorReference('1234567890123456789012')).toThrow(/at most 21/);
    expect(makeCreditorReference('123456789012345678901')).toHaveLength(25);
  });

  it('accepts the printed form and lowercase, refuses wrong check digits and shapes', () => {
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidCreditorReference('rf18539007547034')).toBe(true);
    expect(isValidCreditorReference('RF19539007547034')).toBe(false);
    expect(isValidCreditorReference('RF18539007547035')).toBe(false);
    expect(isValidCreditorReference('RF18')).toBe(false);
    expect(isValidCreditorReference('XX18539007547034')).toBe(false);
    expect(isValidCreditorReference('RF18-5390-0754-7034')).toBe(false);
    expect(isValidCreditorReference(`RF18${'1'.repeat(22)}`)).toBe(false);
  });

  it('finds references in remittance text, printed or electronic, once each', () => {
    const other = makeCreditorReference('INV/2026/00042');
    const text = `Invoice 42 ${formatCreditorReference(other)} thanks; ref rf18539007547034, RF18539007547034 again`;
    expect(findCreditorReferences(text)).toEqual([other, 'RF18539007547034']);
  });

  it('does not cut a word short or join unrelated words to make a reference', () => {
    expect(findCreditorReferences('RF18539007547034X')).toEqual([]);
    expect(findCreditorReferences('XRF18539007547034')).toEqual([]);
    expect(findCreditorReferences('RF18539007547034 thanks')).toEqual(['RF18539007547034']);
    expect(findCreditorReferences('RF18 5390 0754 7034 INVOICE 12')).toEqual(['RF18539007547034']);
    expect(findCreditorReferences('RF19 5390 0754 7034')).toEqual([]);
    expect(findCreditorReferences('no reference here, only RF and 18')).toEqual([]);
  });

  it('returns both readings when a short word after a printed reference also makes a valid one', () => {
    // Found by the property below: RF.. 792C UTO9 followed by "ok" is valid with and without it.
    const reference = makeCreditorReference('792CUTO9');
    const found = findCreditorReferences(`paid ${formatCreditorReference(reference)} ok`);
    expect(found).toEqual([reference, `${reference}OK`]);
    expect(found.every(isValidCreditorReference)).toBe(true);
  });

  it('makes valid references from any base, which survive printing (property)', () => {
    fc.assert(
      fc.property(base, (b) => {
        const reference = makeCreditorReference(b);
        expect(reference.length).toBeLessThanOrEqual(25);
        expect(isValidCreditorReference(reference)).toBe(true);
        expect(isValidCreditorReference(formatCreditorReference(reference))).toBe(true);
        expect(findCreditorReferences(`paid ${formatCreditorReference(reference)} ok`)).toContain(reference);
      }),
    );
  });

  it('refuses a reference with one character changed (property)', () => {
    fc.assert(
      fc.property(base, fc.nat(), fc.constantFrom(...ALPHANUMERIC), (b, at, replacement) => {
        const reference = makeCreditorReference(b);
        const index = 2 + (at % (reference.length - 2));
        fc.pre(reference[index] !== replacement);
        fc.pre(/\d/.test(reference[index]!) === /\d/.test(replacement));
        const changed = reference.slice(0, index) + replacement + reference.slice(index + 1);
        expect(isValidCreditorReference(changed)).toBe(false);
      }),
    );
  });
});
