import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateMinor,
  CURRENCY_DECIMALS,
  currencyDecimals,
  formatMoney,
  fromMinor,
  isKnownCurrency,
  MAX_ALLOCATION_PARTS,
  MoneyError,
  multiplyToMinor,
  percentOfMinor,
  type RoundingMode,
  roundDecimal,
  toMinor,
} from './money.ts';

const MODES: RoundingMode[] = ['half-up', 'half-even', 'down', 'up'];
const CURRENCIES = Object.keys(CURRENCY_DECIMALS);
const MAX = Number.MAX_SAFE_INTEGER;
// decimal.js's own constants, to check our rounding against an independent computation.
const DECIMAL_JS_MODES: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

// Runs fn and returns the MoneyError it throws, failing the test if it throws anything else.
function refusal(fn: () => unknown): MoneyError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError);
    return error as MoneyError;
  }
  throw new Error('expected a MoneyError, but nothing was thrown');
}

describe('currencyDecimals', () => {
  it.each([
    ...'JPY KRW VND CLP ISK XAF XOF XPF UGX PYG RWF KMF GNF DJF BIF VUV'.split(' ').map((c) => [c, 0]),
    ...'EUR USD GBP CHF SEK NOK DKK PLN CZK HUF CAD AUD NZD CNY INR BRL MXN ZAR SGD HKD'
      .split(' ')
      .map((c) => [c, 2]),
    ...'BHD IQD JOD KWD LYD OMR TND'.split(' ').map((c) => [c, 3]),
    ['CLF', 4],
  ])('knows that %s has %i decimals', (code, digits) => {
    expect(currencyDecimals(code as string)).toBe(digits);
  });

  it('lists only three-letter codes with 0, 2, 3 or 4 decimals', () => {
    expect(CURRENCIES.length).toBeGreaterThan(150);
    for (const [code, digits] of Object.entries(CURRENCY_DECIMALS)) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(digits);
    }
  });

  it.each(['eur', 'EU', 'EURO', '', ' EUR', 'EUR ', 'E1R', 42, null, undefined])(
    'refuses the malformed currency code %j',
    (code) => {
      const error = refusal(() => currencyDecimals(code as string));
      expect(error.code).toBe('money.invalid_currency');
      expect(error.message).toContain(code === undefined ? 'undefined' : JSON.stringify(code));
    },
  );

  it.each(['ABC', 'XAU', 'XXX', 'XDR'])('refuses %s, which has no minor unit to pay in', (code) => {
    const error = refusal(() => currencyDecimals(code));
    expect(error.code).toBe('money.unknown_currency');
    expect(error.message).toContain(`"${code}"`);
  });

  it('tells a known currency from anything else', () => {
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('eur')).toBe(false);
    expect(isKnownCurrency('ABC')).toBe(false);
    expect(isKnownCurrency('constructor')).toBe(false);
    expect(isKnownCurrency(978)).toBe(false);
  });
});

describe('toMinor', () => {
  it.each([
    ['10.50', 'EUR', 1050],
    ['10', 'EUR', 1000],
    ['-0.07', 'USD', -7],
    ['5', 'JPY', 5],
    ['1.234', 'KWD', 1234],
    ['0.5', 'KWD', 500],
    ['12.3456', 'CLF', 123456],
    ['+3.00', 'EUR', 300],
    ['007.10', 'EUR', 710],
  ])('converts %s %s to %i minor units', (amount, currency, expected) => {
    expect(toMinor(amount, currency)).toBe(expected);
  });

  it.each([
    // [amount, currency, half-up, half-even, down, up]
    ['2.5', 'JPY', 3, 2, 2, 3],
    ['-2.5', 'JPY', -3, -2, -2, -3],
    ['3.5', 'JPY', 4, 4, 3, 4],
    ['-3.5', 'JPY', -4, -4, -3, -4],
    ['2.4', 'JPY', 2, 2, 2, 3],
    ['-2.6', 'JPY', -3, -3, -2, -3],
    ['0.125', 'EUR', 13, 12, 12, 13],
    ['-0.125', 'EUR', -13, -12, -12, -13],
    ['0.135', 'EUR', 14, 14, 13, 14],
    ['0.1251', 'EUR', 13, 13, 12, 13],
    ['1.0005', 'KWD', 1001, 1000, 1000, 1001],
    ['-1.0015', 'KWD', -1002, -1002, -1001, -1002],
    ['1.00005', 'CLF', 10001, 10000, 10000, 10001],
  ])('rounds %s %s: half-up %i, half-even %i, down %i, up %i', (amount, currency, ...expected) => {
    expect(MODES.map((mode) => toMinor(amount as string, currency as string, mode))).toEqual(expected);
  });

  it('rounds half-up by default', () => {
    expect(toMinor('0.005', 'EUR')).toBe(1);
    expect(toMinor('-0.005', 'EUR')).toBe(-1);
  });

  it('rounds the exact decimal, not its nearest float (1.005 is 101 cents)', () => {
    expect(toMinor('1.005', 'EUR')).toBe(101);
    expect(toMinor('8.345', 'EUR')).toBe(835);
  });

  it('never returns negative zero', () => {
    expect(Object.is(toMinor('-0.001', 'EUR'), 0)).toBe(true);
    expect(Object.is(toMinor('-0.4', 'JPY', 'half-even'), 0)).toBe(true);
    expect(Object.is(toMinor('-0', 'EUR'), 0)).toBe(true);
  });

  it('accepts decimal.js values, whatever their constructor', () => {
    expect(toMinor(new Decimal('1.005'), 'EUR')).toBe(101);
    const Low = Decimal.clone({ precision: 5 });
    expect(toMinor(new Low('123456.789'), 'KWD')).toBe(123456789);
  });

  it('reaches the largest safe integer exactly and refuses one minor unit more', () => {
    expect(toMinor('90071992547409.91', 'EUR')).toBe(MAX);
    expect(toMinor('-90071992547409.91', 'EUR')).toBe(-MAX);
    for (const amount of ['90071992547409.92', '-90071992547409.92', '9007199254740991.5']) {
      const error = refusal(() => toMinor(amount, 'EUR'));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.code).toBe('money.out_of_range');
      expect(error.message).toContain(amount);
    }
  });

  it('refuses an unknown rounding mode', () => {
    const error = refusal(() => toMinor('1', 'EUR', 'half-down' as RoundingMode));
    expect(error.code).toBe('money.invalid_rounding');
    expect(error.message).toContain('"half-down"');
  });
});

describe('fromMinor', () => {
  it.each([
    [1050, 'EUR', '10.50'],
    [-5, 'EUR', '-0.05'],
    [0, 'EUR', '0.00'],
    [-0, 'EUR', '0.00'],
    [5, 'JPY', '5'],
    [-5, 'JPY', '-5'],
    [-0, 'JPY', '0'],
    [1234, 'KWD', '1.234'],
    [7, 'KWD', '0.007'],
    [-1234, 'KWD', '-1.234'],
    [123456, 'CLF', '12.3456'],
    [MAX, 'EUR', '90071992547409.91'],
    [-MAX, 'JPY', '-9007199254740991'],
  ])('writes %i %s as %s', (minor, currency, expected) => {
    expect(fromMinor(minor, currency)).toBe(expected);
  });

  it.each([10.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53), '100', 100n, null])(
    'refuses %s as an amount of minor units',
    (minor) => {
      const error = refusal(() => fromMinor(minor as number, 'EUR'));
      expect(error.code).toBe('money.invalid_minor');
      expect(error.message).toMatch(/got /);
    },
  );

  it('round-trips through toMinor for each exponent', () => {
    for (const [minor, currency] of [
      [1050, 'EUR'],
      [-5, 'JPY'],
      [-1234, 'KWD'],
      [1, 'CLF'],
    ] as const) {
      expect(toMinor(fromMinor(minor, currency), currency)).toBe(minor);
    }
  });
});

describe('roundDecimal', () => {
  it.each([
    ['1.23456', 4, 'half-up', '1.2346'],
    ['1.23455', 4, 'half-even', '1.2346'],
    ['1.23445', 4, 'half-even', '1.2344'],
    ['2.5', 0, 'half-even', '2'],
    ['-2.5', 0, 'half-up', '-3'],
    ['-1.005', 2, 'half-up', '-1.01'],
    ['1.999', 2, 'down', '1.99'],
    ['-1.001', 2, 'up', '-1.01'],
    ['3', 3, 'half-up', '3.000'],
    ['-0.0001', 2, 'half-up', '0.00'],
    ['-0.4', 0, 'down', '0'],
  ] as const)('rounds %s to %i decimals %s as %s', (value, decimals, mode, expected) => {
    expect(roundDecimal(value, decimals, mode)).toBe(expected);
  });

  it.each([-1, 1.5, 31, Number.NaN, '2'])('refuses %s decimals', (decimals) => {
    expect(refusal(() => roundDecimal('1', decimals as number)).code).toBe('money.invalid_decimals');
  });
});

describe('multiplyToMinor', () => {
  it.each([
    ['19.99', '3', 'EUR', 5997],
    ['0.333', '3', 'EUR', 100],
    ['1.005', '1', 'EUR', 101],
    ['12.5', '0.04', 'KWD', 500],
    ['-4.99', '2', 'EUR', -998],
    ['1250', '1.5', 'JPY', 1875],
  ])('prices %s × %s %s as %i minor units', (unitPrice, quantity, currency, expected) => {
    expect(multiplyToMinor(unitPrice, quantity, currency)).toBe(expected);
  });

  it('applies the rounding mode once, to the product', () => {
    // 0.5 × 5 = 2.5 yen
    expect(MODES.map((mode) => multiplyToMinor('0.5', '5', 'JPY', mode))).toEqual([3, 2, 2, 3]);
    // 0.0333 × 3 = 0.0999 euro: one rounding gives 10 cents, rounding the price first would give 9
    expect(multiplyToMinor('0.0333', '3', 'EUR')).toBe(10);
  });

  it('keeps every digit of the product, so a near-tie far past the 20th digit still rounds up', () => {
    // 0.0050000000000000000000000002 is just above half a cent
    expect(multiplyToMinor('0.0025000000000000000000000001', '2', 'EUR', 'half-even')).toBe(1);
    expect(multiplyToMinor('0.0025000000000000000000000000', '2', 'EUR', 'half-even')).toBe(0);
  });

  it('refuses a line amount beyond the safe integer range', () => {
    expect(refusal(() => multiplyToMinor('99999999999999', '1000', 'EUR')).code).toBe('money.out_of_range');
  });

  it('refuses a bad unit price or quantity, naming it', () => {
    expect(refusal(() => multiplyToMinor('1,50', '2', 'EUR')).message).toContain('unitPrice');
    expect(refusal(() => multiplyToMinor('1.50', 2 as unknown as string, 'EUR')).message).toContain(
      'quantity',
    );
  });
});

describe('percentOfMinor', () => {
  it.each([
    [1999, '20', 400],
    [1000, '7.7', 77],
    [1999, '5.5', 110],
    [-1999, '20', -400],
    [12345, '0', 0],
    [-5, '0', 0],
    [100, '100', 100],
    [3, '-10', 0],
    [1000, '8.125', 81],
  ])('takes %i minor × %s%% as %i', (base, rate, expected) => {
    expect(Object.is(percentOfMinor(base, rate), expected)).toBe(true);
  });

  it('rounds ties as asked (10% of 25 is 2.5)', () => {
    expect(MODES.map((mode) => percentOfMinor(25, '10', mode))).toEqual([3, 2, 2, 3]);
    expect(MODES.map((mode) => percentOfMinor(-25, '10', mode))).toEqual([-3, -2, -2, -3]);
  });

  it('refuses a base that is not a safe integer and a rate that is not a decimal string', () => {
    expect(refusal(() => percentOfMinor(19.99, '20')).code).toBe('money.invalid_minor');
    expect(refusal(() => percentOfMinor(1999, 0.2 as unknown as string)).code).toBe('money.invalid_decimal');
    expect(refusal(() => percentOfMinor(1999, '20%')).message).toContain('"20%"');
  });
});

describe('allocateMinor', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [100, [1, 0, 2], [33, 0, 67]],
    [100, [0, 1, 1], [0, 50, 50]],
    [5, [1, 1, 1, 1], [2, 1, 1, 1]],
    [10, [1, 2], [3, 7]],
    [1000, ['0.5', '0.25', '0.25'], [500, 250, 250]],
    [10, [1, '1.5'], [4, 6]],
    [1, ['0.001', '0.002'], [0, 1]],
    [0, [1, 2, 3], [0, 0, 0]],
    [-7, [5], [-7]],
    [MAX, [1, 1], [4503599627370496, 4503599627370495]],
  ] as const)('splits %i over %j as %j', (total, weights, expected) => {
    expect(allocateMinor(total, weights)).toEqual(expected);
  });

  it('gives zero weights a positive zero when the total is negative', () => {
    const parts = allocateMinor(-100, [0, 1]);
    expect(parts).toEqual([0, -100]);
    expect(Object.is(parts[0], 0)).toBe(true);
  });

  it.each([
    [[], 'money.invalid_weights'],
    [[0, 0], 'money.invalid_weights'],
    [['0', '0.00'], 'money.invalid_weights'],
    [[1, -1], 'money.invalid_weights'],
    [[1, '-0.5'], 'money.invalid_weights'],
    [[0.5, 0.5], 'money.invalid_weights'],
    [[1, Number.NaN], 'money.invalid_weights'],
    [[1, Number.POSITIVE_INFINITY], 'money.invalid_weights'],
    [[1, 'one'], 'money.invalid_decimal'],
    [[1, null], 'money.invalid_decimal'],
    ['1,1', 'money.invalid_weights'],
  ])('refuses the weights %j', (weights, code) => {
    expect(refusal(() => allocateMinor(100, weights as number[])).code).toBe(code);
  });

  it('names the weight it refuses', () => {
    expect(refusal(() => allocateMinor(100, [1, 2, 0.5])).message).toContain('weights[2]');
  });

  it('refuses more parts than the limit', () => {
    const weights = Array.from({ length: MAX_ALLOCATION_PARTS + 1 }, () => 1);
    expect(refusal(() => allocateMinor(100, weights)).code).toBe('money.invalid_weights');
  });

  it('refuses a total that is not a safe integer', () => {
    expect(refusal(() => allocateMinor(10.5, [1])).code).toBe('money.invalid_minor');
    expect(refusal(() => allocateMinor(2 ** 53, [1])).code).toBe('money.invalid_minor');
  });
});

describe('formatMoney', () => {
  it('formats with the currency decimals in the locale', () => {
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
    expect(formatMoney(5, 'JPY', 'en')).toBe('¥5');
    expect(formatMoney(1234, 'KWD', 'en')).toBe('KWD\u00a01.234');
    expect(formatMoney(123456, 'CLF', 'en')).toBe('CLF\u00a012.3456');
  });

  it('uses ISO 4217 decimals even where the locale data shows fewer (IQD has 3)', () => {
    expect(formatMoney(1234, 'IQD', 'en')).toBe('IQD\u00a01.234');
  });

  it('formats the largest amounts digit for digit, with no float division', () => {
    expect(formatMoney(MAX, 'EUR', 'en')).toBe('€90,071,992,547,409.91');
    expect(formatMoney(-MAX, 'KWD', 'de')).toBe('-9.007.199.254.740,991\u00a0KWD');
  });

  it('refuses a malformed locale, an unknown currency and a fractional amount', () => {
    expect(refusal(() => formatMoney(1, 'EUR', 'not a locale!!')).code).toBe('money.invalid_locale');
    expect(refusal(() => formatMoney(1, 'ABC')).code).toBe('money.unknown_currency');
    expect(refusal(() => formatMoney(1.5, 'EUR')).code).toBe('money.invalid_minor');
  });
});

describe('refusing bad decimal input', () => {
  it.each([
    ['a word', 'abc'],
    ['an empty string', ''],
    ['surrounding spaces', ' 1.00'],
    ['a comma decimal separator', '1,50'],
    ['thousands separators', '1,000.00'],
    ['exponent notation', '1e3'],
    ['the string NaN', 'NaN'],
    ['the string Infinity', 'Infinity'],
    ['the string -Infinity', '-Infinity'],
    ['a trailing point', '1.'],
    ['a leading point', '.5'],
    ['a double sign', '--1'],
    ['a hexadecimal literal', '0x10'],
  ])('refuses %s (%j) as an amount', (_, amount) => {
    const error = refusal(() => toMinor(amount, 'EUR'));
    expect(error.code).toBe('money.invalid_decimal');
    expect(error.message).toContain(JSON.stringify(amount));
  });

  it.each([
    ['a float', 10.5],
    ['a whole number', 10],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
    ['undefined', undefined],
    ['a bigint', 10n],
    ['an object', { amount: '1' }],
    ['a NaN Decimal', new Decimal(Number.NaN)],
    ['an infinite Decimal', new Decimal(Number.POSITIVE_INFINITY)],
  ])('refuses %s as an amount', (_, amount) => {
    const error = refusal(() => toMinor(amount as unknown as string, 'EUR'));
    expect(error.code).toBe('money.invalid_decimal');
    expect(error.message).toMatch(/got \S/);
  });

  it('refuses more than 30 significant digits, as a string or a Decimal', () => {
    const digits31 = '1234567890123456789012345678901';
    for (const amount of [digits31, `0.${digits31}`, new Decimal(digits31), new Decimal('1e40')]) {
      const error = refusal(() => roundDecimal(amount, 2));
      expect(error.code).toBe('money.too_many_digits');
      expect(error.message).toContain(String(amount).slice(0, 10));
    }
    expect(roundDecimal(digits31.slice(1), 0)).toBe(digits31.slice(1));
  });

  it('refuses an absurdly long string and shows only its start', () => {
    const error = refusal(() => toMinor(`0.${'0'.repeat(200)}1`, 'EUR'));
    expect(error.code).toBe('money.invalid_decimal');
    expect(error.message).toContain('(203 characters)');
  });

  it('is a RangeError named MoneyError with a stable code', () => {
    const error = refusal(() => toMinor('abc', 'EUR'));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('MoneyError');
    expect(error.code).toBe('money.invalid_decimal');
  });
});

describe('properties', () => {
  const currency = fc.constantFrom(...CURRENCIES);
  const safeInteger = fc.integer({ min: -MAX, max: MAX });
  const mode = fc.constantFrom(...MODES);

  it('toMinor(fromMinor(x)) is x for every safe integer, currency and rounding mode', () => {
    fc.assert(
      fc.property(safeInteger, currency, mode, (minor, code, rounding) => {
        const amount = fromMinor(minor, code);
        const digits = CURRENCY_DECIMALS[code]!;
        expect(amount).toMatch(digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`));
        expect(toMinor(amount, code, rounding)).toBe(minor);
      }),
      { numRuns: 500 },
    );
  });

  // An amount with 1 to 4 digits past the currency's minor unit, often an exact tie.
  const amountPastMinor = fc.record({
    minor: fc.integer({ min: 0, max: 10 ** 12 }),
    tail: fc.oneof(fc.constantFrom('5', '50', '500', '49', '51', '0'), fc.stringMatching(/^\d{1,4}$/)),
    negative: fc.boolean(),
    code: currency,
  });
  const toAmount = ({
    minor,
    tail,
    negative,
    code,
  }: {
    minor: number;
    tail: string;
    negative: boolean;
    code: string;
  }) => `${negative ? '-' : ''}${fromMinor(minor, code)}${CURRENCY_DECIMALS[code] === 0 ? '.' : ''}${tail}`;

  it('half-even and half-up agree except on exact ties, where half-even lands on the even neighbour', () => {
    fc.assert(
      fc.property(amountPastMinor, (sample) => {
        const amount = toAmount(sample);
        const halfUp = toMinor(amount, sample.code, 'half-up');
        const halfEven = toMinor(amount, sample.code, 'half-even');
        if (/^50*$/.test(sample.tail)) {
          expect(Math.abs(halfUp - halfEven)).toBeLessThanOrEqual(1);
          expect(Math.abs(halfEven) % 2).toBe(0);
          expect(Math.abs(halfUp)).toBe(sample.minor + 1);
        } else {
          expect(halfEven).toBe(halfUp);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rounding down and up bracket the half modes, one minor unit apart at most', () => {
    fc.assert(
      fc.property(amountPastMinor, (sample) => {
        const amount = toAmount(sample);
        const [halfUp, halfEven, down, up] = MODES.map((m) => Math.abs(toMinor(amount, sample.code, m)));
        expect(down).toBe(sample.minor);
        expect(up! - down!).toBeLessThanOrEqual(1);
        for (const half of [halfUp!, halfEven!]) {
          expect(half).toBeGreaterThanOrEqual(down!);
          expect(half).toBeLessThanOrEqual(up!);
        }
      }),
    );
  });

  it('toMinor agrees with roundDecimal to the currency decimals', () => {
    fc.assert(
      fc.property(amountPastMinor, mode, (sample, rounding) => {
        const amount = toAmount(sample);
        const rounded = roundDecimal(amount, CURRENCY_DECIMALS[sample.code]!, rounding);
        expect(fromMinor(toMinor(amount, sample.code, rounding), sample.code)).toBe(rounded);
      }),
    );
  });

  const weight = fc.oneof(
    fc.nat({ max: 1000 }),
    fc.constant(0),
    fc
      .tuple(fc.nat({ max: 10 ** 6 }), fc.integer({ min: 0, max: 6 }))
      .map(([units, places]) => new Decimal(units).div(10 ** places).toFixed(places)),
  );
  const weights = fc
    .array(weight, { minLength: 1, maxLength: 25 })
    .filter((list) => list.some((w) => new Decimal(w).gt(0)));
  const Wide = Decimal.clone({ precision: 200 });

  it('allocation parts sum to the total and each is within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(safeInteger, weights, (total, list) => {
        const parts = allocateMinor(total, list);
        expect(parts).toHaveLength(list.length);
        expect(parts.reduce((sum, part) => sum.plus(part), new Wide(0)).toNumber()).toBe(total);
        const weightSum = list.reduce<Decimal>((sum, w) => sum.plus(w), new Wide(0));
        parts.forEach((part, index) => {
          // |part − total × w / Σw| < 1, multiplied through by Σw to stay exact
          const gap = new Wide(part).times(weightSum).minus(new Wide(total).times(list[index]!)).abs();
          expect(gap.lt(weightSum)).toBe(true);
          if (new Decimal(list[index]!).isZero()) expect(Object.is(part, 0)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('allocation is deterministic and symmetric in the sign of the total', () => {
    fc.assert(
      fc.property(safeInteger, weights, (total, list) => {
        const parts = allocateMinor(total, list);
        expect(allocateMinor(total, [...list])).toEqual(parts);
        expect(allocateMinor(-total, list)).toEqual(parts.map((part) => (part === 0 ? 0 : -part)));
      }),
    );
  });

  it('equal weights get shares that differ by at most one, larger shares first', () => {
    fc.assert(
      fc.property(safeInteger, fc.integer({ min: 1, max: 50 }), (total, count) => {
        const parts = allocateMinor(
          total,
          Array.from({ length: count }, () => 1),
        ).map(Math.abs);
        const sorted = [...parts].sort((a, b) => b - a);
        expect(parts).toEqual(sorted);
        expect(sorted[0]! - sorted[sorted.length - 1]!).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('a line amount equals the product rounded once, in every mode', () => {
    const price = fc
      .tuple(fc.integer({ min: -(10 ** 7), max: 10 ** 7 }), fc.integer({ min: 0, max: 6 }))
      .map(([units, places]) => new Decimal(units).div(10 ** places).toFixed(places));
    const quantity = fc
      .tuple(fc.nat({ max: 10 ** 4 }), fc.integer({ min: 0, max: 4 }))
      .map(([units, places]) => new Decimal(units).div(10 ** places).toFixed(places));
    fc.assert(
      fc.property(price, quantity, currency, mode, (p, q, code, rounding) => {
        const exact = new Wide(p).times(q);
        const expected = exact.toDecimalPlaces(CURRENCY_DECIMALS[code]!, DECIMAL_JS_MODES[rounding]);
        expect(fromMinor(multiplyToMinor(p, q, code, rounding), code)).toBe(
          (expected.isZero() ? expected.abs() : expected).toFixed(CURRENCY_DECIMALS[code]!),
        );
      }),
    );
  });
});
