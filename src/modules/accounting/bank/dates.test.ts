import { describe, expect, it } from 'vitest';
import { compileDateFormat, isCompleteDateFormat } from './csv-date-format.ts';
import { dateFromOfx, dateFromXml, isoDate } from './dates.ts';

describe('bank dates', () => {
  it('knows real calendar dates', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2023, 2, 29)).toBeNull();
    expect(isoDate(2024, 13, 1)).toBeNull();
    expect(isoDate(2024, 4, 31)).toBeNull();
  });

  it('reads ISO 20022 Dt and DtTm as the local date written', () => {
    expect(dateFromXml('2014-12-31', 'x')).toBe('2014-12-31');
    expect(dateFromXml('2014-12-31T23:15:00+01:00', 'x')).toBe('2014-12-31');
    expect(dateFromXml('2025-07-23T00:00:00.000000000', 'x')).toBe('2025-07-23');
    expect(dateFromXml('2007-10-18T12:30:00Z', 'x')).toBe('2007-10-18');
    expect(() => dateFromXml('2014-02-30', 'BookgDt')).toThrow('BookgDt: "2014-02-30" is not a date');
    expect(() => dateFromXml('31.12.2014', 'x')).toThrow();
  });

  it('reads OFX date-times with milliseconds and time zones', () => {
    expect(dateFromOfx('20240115', 'x')).toBe('2024-01-15');
    expect(dateFromOfx('20240115120000', 'x')).toBe('2024-01-15');
    expect(dateFromOfx('20240115120000.000[-5:EST]', 'x')).toBe('2024-01-15');
    expect(dateFromOfx('20120908190849.317[-4:EDT]', 'x')).toBe('2012-09-08');
    expect(dateFromOfx('20240115235959[+5.30:IST]', 'x')).toBe('2024-01-15');
    expect(() => dateFromOfx('201120000000', 'DTPOSTED')).toThrow(
      'DTPOSTED: "201120000000" is not an OFX date',
    );
    expect(() => dateFromOfx('20120231', 'x')).toThrow();
    expect(() => dateFromOfx('20240115250000', 'x')).toThrow();
  });
});

describe('CSV date formats', () => {
  it.each([
    ['YYYY-MM-DD', '2024-03-05', '2024-03-05'],
    ['DD.MM.YYYY', '05.03.2024', '2024-03-05'],
    ['DD/MM/YYYY', '24/03/2022', '2022-03-24'],
    ['DD/MM/YYYY', '08/04/2022', '2022-04-08'],
    ['MM/DD/YYYY', '08/04/2022', '2022-08-04'],
    ['YYYYMMDD', '20240305', '2024-03-05'],
    ['D/M/YYYY', '5/3/2024', '2024-03-05'],
    ['D/M/YYYY', '05/03/2024', '2024-03-05'],
    ['M/D/YY', '2/20/19', '2019-02-20'],
    ['M/D/YY', '6/12/75', '1975-06-12'],
    ['D-MMM-YY', '23-Jan-15', '2015-01-23'],
    ['YYYY-MM-DD HH:mm', '2021-02-03 13:12', '2021-02-03'],
    ['DD.MM.YYYY HH:mm:ss', '05.03.2024 23:59:59', '2024-03-05'],
  ])('%s reads %s', (format, text, date) => {
    expect(compileDateFormat(format)(text)).toBe(date);
  });

  it.each([
    ['DD.MM.YYYY', '31.02.2024'],
    ['DD.MM.YYYY', '5.3.2024'],
    ['MM/DD/YYYY', '13/01/2024'],
    ['YYYY-MM-DD', '2024-03-05x'],
    ['D-MMM-YY', '23-Foo-15'],
    ['YYYY-MM-DD HH:mm', '2021-02-03 24:00'],
    ['YYYY-MM-DD', ''],
  ])('%s refuses %s', (format, text) => {
    expect(compileDateFormat(format)(text)).toBeNull();
  });

  it('knows a format must name year, month and day once each', () => {
    expect(isCompleteDateFormat('DD.MM.YYYY')).toBe(true);
    expect(isCompleteDateFormat('YYYY-MM-DD HH:mm')).toBe(true);
    expect(isCompleteDateFormat('MM/YYYY')).toBe(false);
    expect(isCompleteDateFormat('DD.MM.YYYY DD')).toBe(false);
  });
});
