import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGtin, gs1CheckDigit } from './gs1.ts';

type Vectors = {
  valid: { type: string; code: string; data: string; check_digit: number }[];
  invalid: { code: string }[];
};
const vectors = JSON.parse(
  readFileSync(new URL('../../test/conformance/gs1-check-digits.json', import.meta.url), 'utf8'),
) as Vectors;
const gtins = vectors.valid.filter((v) => [8, 12, 13, 14].includes(v.code.length));

describe('GS1 check digits', () => {
  it.each(gtins)('accept $type $code from the conformance set', ({ code, data, check_digit }) => {
    expect(gs1CheckDigit(data)).toBe(check_digit);
    expect(checkGtin(code)).toMatchObject({ valid: true });
  });

  it.each(vectors.invalid.filter((v) => /^\d{8}$|^\d{12,14}$/.test(v.code)))(
    'refuse $code from the conformance set',
    ({ code }) => {
      expect(checkGtin(code).valid).toBe(false);
    },
  );

  it('name the kind by length and refuse other lengths and non-digits', () => {
    expect(checkGtin('96385074')).toEqual({ valid: true, kind: 'EAN-8' });
    expect(checkGtin('036000291452')).toEqual({ valid: true, kind: 'UPC-A' });
    expect(checkGtin('12345')).toMatchObject({ valid: false });
    expect(checkGtin('40063813339A')).toMatchObject({ valid: false });
  });

  it('catch every single wrong digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (data, at, delta) => {
          const code = `${data}${gs1CheckDigit(data)}`;
          const wrong = code.slice(0, at) + ((Number(code[at]) + delta) % 10) + code.slice(at + 1);
          expect(checkGtin(wrong).valid).toBe(false);
        },
      ),
    );
  });
});
