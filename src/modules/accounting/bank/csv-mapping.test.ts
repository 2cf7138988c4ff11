import { describe, expect, it } from 'vitest';
import { CsvMapping } from './csv-mapping.ts';

const valid = {
  encoding: 'windows-1252',
  delimiter: ';',
  decimalSeparator: ',',
  thousandsSeparator: '.',
  dateFormat: 'DD.MM.YYYY',
  skipLines: 0,
  skipFooterLines: 0,
  hasHeader: true,
  columns: { date: 'Buchungstag', amount: 'Betrag', text: ['VWZ1', 'VWZ2'] },
  currency: 'EUR',
};

const issues = (input: unknown) => {
  const result = CsvMapping.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('CsvMapping schema', () => {
  it('accepts a complete mapping', () => {
    expect(CsvMapping.safeParse(valid).success).toBe(true);
    expect(
      CsvMapping.safeParse({ ...valid, columns: { date: 0, debit: 3, credit: 4 }, hasHeader: false }).success,
    ).toBe(true);
  });

  it('refuses unknown fields, out-of-range values and unknown currencies', () => {
    expect(CsvMapping.safeParse({ ...valid, extra: true }).success).toBe(false);
    expect(CsvMapping.safeParse({ ...valid, columns: { ...valid.columns, colour: 'x' } }).success).toBe(
      false,
    );
    expect(CsvMapping.safeParse({ ...valid, skipLines: 101 }).success).toBe(false);
    expect(CsvMapping.safeParse({ ...valid, delimiter: ':' }).success).toBe(false);
    expect(CsvMapping.safeParse({ ...valid, currency: 'EURO' }).success).toBe(false);
    expect(CsvMapping.safeParse({ ...valid, currency: 'XYZ' }).success).toBe(false);
    expect(CsvMapping.safeParse({ ...valid, columns: { date: 'x'.repeat(101), amount: 'a' } }).success).toBe(
      false,
    );
    expect(
      CsvMapping.safeParse({ ...valid, columns: { date: 500, amount: 1 }, hasHeader: false }).success,
    ).toBe(false);
  });

  it('refuses date formats it cannot read', () => {
    expect(issues({ ...valid, dateFormat: 'MM/YYYY' })).toContain(
      'must name the year, the month and the day once each',
    );
    expect(issues({ ...valid, dateFormat: 'DD.MM.YYYY%' })[0]).toMatch(/use the tokens/);
  });

  it('refuses mappings that contradict themselves', () => {
    expect(issues({ ...valid, columns: { date: 'd' } })).toContain(
      'columns: give amount, or debit and/or credit',
    );
    expect(issues({ ...valid, columns: { date: 'd', amount: 'a', debit: 'b' } })).toContain(
      'columns: give amount or debit/credit, not both',
    );
    expect(issues({ ...valid, columns: { date: 'd', amount: 'a', direction: 't' } })).toContain(
      'columns.direction and directionMarkers go together',
    );
    expect(issues({ ...valid, thousandsSeparator: ',' })).toContain(
      'thousandsSeparator and decimalSeparator must differ',
    );
    expect(issues({ ...valid, hasHeader: false })).toContain(
      'without a header, columns are given by 0-based position',
    );
  });
});
