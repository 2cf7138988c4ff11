import { describe, expect, it } from 'vitest';
import type { CsvMapping } from './csv-mapping.ts';
import { decodeWindows1252 } from './decode-text.ts';
import { parseCsv } from './parse-csv.ts';
import { StatementParseError } from './statement-parse-error.ts';

// Text to Windows-1252 bytes, the way a German bank's export arrives.
function windows1252(text: string): Buffer {
  const table = new Map(
    Array.from({ length: 256 }, (_, byte) => [decodeWindows1252(Uint8Array.of(byte)), byte]),
  );
  return Buffer.from(Array.from(text, (char) => table.get(char) ?? 0x3f));
}

const SPARKASSE: CsvMapping = {
  encoding: 'windows-1252',
  delimiter: ';',
  decimalSeparator: ',',
  thousandsSeparator: '.',
  dateFormat: 'DD.MM.YYYY',
  skipLines: 4,
  skipFooterLines: 2,
  hasHeader: true,
  columns: {
    date: 'Buchungstag',
    valueDate: 'Valuta',
    amount: 'Betrag',
    counterparty: 'Empfänger',
    iban: 'IBAN',
    text: 'Verwendungszweck',
    balance: 'Saldo',
  },
  currency: 'EUR',
};

const GERMAN_EXPORT = [
  '"Umsätze Girokonto";"DE89 3704 0044 0532 0130 00"',
  '"Zeitraum: 01.03.2024 - 31.03.2024"',
  '"Kontostand vom 29.02.2024: 1.000,00 €"',
  '',
  'Buchungstag;Valuta;Empfänger;IBAN;Verwendungszweck;Betrag;Saldo',
  '01.03.2024;01.03.2024;Bäckerei Müller;GB82 WEST 1234 5698 7654 32;Brötchen „Frühstück“;-4,50;995,50',
  '01.03.2024;01.03.2024;Bäckerei Müller;;Brötchen „Frühstück“;-4,50;991,00',
  '05.03.2024;05.03.2024;Kunde AG;;RF18 5390 0754 7034 Rechnung 42;1.234,56;2.225,56',
  '',
  '"Kontostand vom 31.03.2024: 2.225,56 €"',
  '"Erstellt am 01.04.2024"',
].join('\r\n');

function refusal(step: () => unknown): StatementParseError {
  try {
    step();
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseCsv', () => {
  it('reads a Windows-1252 export with decimal commas, a preamble and footer lines', () => {
    const [statement] = parseCsv(windows1252(GERMAN_EXPORT), SPARKASSE);
    expect(
      statement?.lines.map((line) => [line.bookingDate, line.amountMinor, line.counterpartyName]),
    ).toEqual([
      ['2024-03-01', -450, 'Bäckerei Müller'],
      ['2024-03-01', -450, 'Bäckerei Müller'],
      ['2024-03-05', 123456, 'Kunde AG'],
    ]);
    expect(statement?.lines[0]).toMatchObject({
      counterpartyIban: 'GB82WEST12345698765432',
      remittanceText: 'Brötchen „Frühstück“',
      currency: 'EUR',
    });
    expect(statement).toMatchObject({
      format: 'csv',
      fromDate: '2024-03-01',
      toDate: '2024-03-05',
      openingBalanceMinor: 100000,
      closingBalanceMinor: 222556,
      closingBalanceDate: '2024-03-05',
    });
  });

  it('gives two identical purchases on one day two keys, the same in a re-import and in an overlapping file', () => {
    const first = parseCsv(windows1252(GERMAN_EXPORT), SPARKASSE)[0]?.lines ?? [];
    const again = parseCsv(windows1252(GERMAN_EXPORT), SPARKASSE)[0]?.lines ?? [];
    const keys = first.map((line) => line.duplicateKey);
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((key) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(again.map((line) => line.duplicateKey)).toEqual(keys);
    // The next export starts on 1 March again (both coffees) and runs on into April.
    const next = GERMAN_EXPORT.replace(
      '05.03.2024;05.03.2024;Kunde AG',
      '02.04.2024;02.04.2024;Miete;;April;-700,00;291,00\r\n05.03.2024;05.03.2024;Kunde AG',
    );
    const overlap = parseCsv(windows1252(next), SPARKASSE)[0]?.lines.map((line) => line.duplicateKey) ?? [];
    expect(overlap.filter((key) => keys.includes(key))).toEqual(keys);
  });

  it('reads separate debit and credit columns, debit meaning money out', () => {
    const csv =
      'Date,Description,Debit,Credit\n2024-01-02,Rent,"1,200.00",\n2024-01-03,Salary,,"3,000.00"\n2024-01-04,Fee,-2.50,\n2024-01-05,Zero,0.00,7.00\n';
    const mapping: CsvMapping = {
      encoding: 'utf-8',
      delimiter: ',',
      decimalSeparator: '.',
      thousandsSeparator: ',',
      dateFormat: 'YYYY-MM-DD',
      skipLines: 0,
      skipFooterLines: 0,
      hasHeader: true,
      columns: { date: 'Date', debit: 'Debit', credit: 'Credit', counterparty: 'Description' },
      currency: 'USD',
    };
    expect(parseCsv(Buffer.from(csv), mapping)[0]?.lines.map((line) => line.amountMinor)).toEqual([
      -120000, 300000, -250, 700,
    ]);
    const both = refusal(() =>
      parseCsv(Buffer.from('Date,Description,Debit,Credit\n2024-01-02,X,1.00,2.00\n'), mapping),
    );
    expect(both.problems).toEqual([
      { line: 2, reason: 'both debit (1.00) and credit (2.00) hold an amount' },
    ]);
  });

  it('reports every bad row of a malformed file with its line number', () => {
    const csv = [
      'Datum;Betrag;Text',
      '01.02.2024;12,00;ok',
      '31.02.2024;5,00;no such day',
      '02.02.2024;5.00;decimal point in a comma file',
      '03.02.2024;;no amount',
      '"multi',
      'line";1,00;a quoted cell over two lines',
      'gestern;1,234;bad date and three decimals',
      '04.02.2024;7,00;ok',
    ].join('\n');
    const mapping: CsvMapping = {
      ...SPARKASSE,
      encoding: 'utf-8',
      skipLines: 0,
      skipFooterLines: 0,
      columns: { date: 'Datum', amount: 'Betrag', text: 'Text' },
    };
    const error = refusal(() => parseCsv(Buffer.from(csv), mapping));
    expect(error.reason).toBe('5 rows of the CSV file cannot be read (6 problems)');
    expect(error.line).toBe(3);
    expect(error.problems).toEqual([
      { line: 3, reason: 'the date "31.02.2024" is not a date written DD.MM.YYYY' },
      { line: 4, reason: 'amount: "5.00" is not an amount written like -1.234,56' },
      { line: 5, reason: 'the amount is empty' },
      { line: 6, reason: 'the date "multi\nline" is not a date written DD.MM.YYYY' },
      { line: 8, reason: 'the date "gestern" is not a date written DD.MM.YYYY' },
      { line: 8, reason: 'amount: 1.234 EUR has 3 decimals; EUR has 2, so it cannot be booked exactly' },
    ]);
  });

  it('strips a byte order mark before matching header names, and reads CR-only line ends', () => {
    const csv = '\uFEFFdate;amount\r2024-01-01;1,00\r2024-01-02;2,00\r';
    const mapping: CsvMapping = {
      ...SPARKASSE,
      encoding: 'utf-8',
      skipLines: 0,
      skipFooterLines: 0,
      dateFormat: 'YYYY-MM-DD',
      columns: { date: 'date', amount: 'amount' },
    };
    expect(parseCsv(Buffer.from(csv), mapping)[0]?.lines.map((line) => line.amountMinor)).toEqual([100, 200]);
  });

  it('names the header columns a mapping asks for but the file lacks', () => {
    const mapping: CsvMapping = {
      ...SPARKASSE,
      encoding: 'utf-8',
      skipLines: 0,
      skipFooterLines: 0,
      columns: { date: 'Datum', amount: 'Amount' },
    };
    expect(refusal(() => parseCsv(Buffer.from('Datum;Betrag\n'), mapping)).reason).toBe(
      'The header has no column amount: "Amount"; it has "Datum", "Betrag"',
    );
  });

  it('refuses an invalid mapping, an unknown currency cell and a file too short to skip its preamble', () => {
    const invalid = refusal(() =>
      parseCsv(Buffer.from('x'), { ...SPARKASSE, thousandsSeparator: ',', decimalSeparator: ',' }),
    );
    expect(invalid.reason).toMatch(/thousandsSeparator and decimalSeparator must differ/);
    const mapping: CsvMapping = {
      ...SPARKASSE,
      encoding: 'utf-8',
      skipLines: 0,
      skipFooterLines: 0,
      columns: { date: 'D', amount: 'A', currency: 'C' },
    };
    expect(refusal(() => parseCsv(Buffer.from('D;A;C\n01.01.2024;1,00;EURO\n'), mapping)).problems).toEqual([
      { line: 2, reason: 'currency: "EURO" is not a known ISO 4217 currency' },
    ]);
    expect(refusal(() => parseCsv(Buffer.from('a\nb\n'), { ...SPARKASSE, encoding: 'utf-8' })).reason).toBe(
      'The file has 2 lines, fewer than the 4 to skip',
    );
  });

  it('trusts a balance column only when it follows the amounts, newest or oldest first', () => {
    const mapping: CsvMapping = {
      ...SPARKASSE,
      encoding: 'utf-8',
      skipLines: 0,
      skipFooterLines: 0,
      columns: { date: 'D', amount: 'A', balance: 'S' },
    };
    const newestFirst = parseCsv(
      Buffer.from('D;A;S\n03.01.2024;-1,00;9,00\n02.01.2024;5,00;10,00\n01.01.2024;5,00;5,00\n'),
      mapping,
    )[0];
    expect([
      newestFirst?.openingBalanceMinor,
      newestFirst?.closingBalanceMinor,
      newestFirst?.closingBalanceDate,
    ]).toEqual([0, 900, '2024-01-03']);
    const broken = parseCsv(Buffer.from('D;A;S\n01.01.2024;5,00;5,00\n02.01.2024;5,00;99,00\n'), mapping)[0];
    expect(broken?.closingBalanceMinor).toBeNull();
    expect(broken?.notes[0]).toMatch(/does not follow the amounts/);
  });

  it('reads a direction column for unsigned amounts, and inverts card statements', () => {
    const csv = 'Date,Amount,Type\n1/5/2024,10.00,S\n1/6/2024,3.00,H\n';
    const mapping: CsvMapping = {
      ...SPARKASSE,
      encoding: 'utf-8',
      delimiter: ',',
      decimalSeparator: '.',
      thousandsSeparator: '',
      dateFormat: 'D/M/YYYY',
      skipLines: 0,
      skipFooterLines: 0,
      columns: { date: 'Date', amount: 'Amount', direction: 'Type' },
      directionMarkers: { debit: ['S'], credit: ['H'] },
    };
    expect(
      parseCsv(Buffer.from(csv), mapping)[0]?.lines.map((line) => [line.bookingDate, line.amountMinor]),
    ).toEqual([
      ['2024-05-01', -1000],
      ['2024-06-01', 300],
    ]);
    const card = parseCsv(Buffer.from('Date,Amount\n1/5/2024,10.00\n'), {
      ...mapping,
      columns: { date: 'Date', amount: 'Amount' },
      directionMarkers: undefined,
      invertSign: true,
    });
    expect(card[0]?.lines[0]?.amountMinor).toBe(-1000);
    expect(
      refusal(() => parseCsv(Buffer.from('Date,Amount,Type\n1/5/2024,10.00,X\n'), mapping)).problems[0]
        ?.reason,
    ).toBe('the direction "x" is neither a debit (S) nor a credit (H)');
  });
});
