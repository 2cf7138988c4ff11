import { StatementParseError } from './statement-parse-error.ts';

// Bank dates are kept as the bank wrote them, in its local calendar: a booking on 31 December at
// 23:30 +01:00 belongs to 31 December, not to 1 January in UTC.

/** 'YYYY-MM-DD' for a real calendar date, or null (31 February, month 13, year 0). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const XML_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

/** An ISO 20022 Dt ('2014-12-31') or DtTm ('2014-12-31T13:15:00+01:00') as its local date. */
export function dateFromXml(text: string, where: string): string {
  const match = XML_DATE.exec(text.trim());
  const date = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (!date) throw new StatementParseError(`${where}: ${JSON.stringify(text)} is not a date`);
  return date;
}

// OFX dates: YYYYMMDD, optionally HHMMSS, .XXX milliseconds and a [±hh[.mm][:TZ]] offset.
const OFX_DATE =
  /^(\d{4})(\d{2})(\d{2})(?:([01]\d|2[0-3])([0-5]\d)(?:([0-5]\d|60)(?:\.\d{1,3})?)?)?\s*(?:\[[+-]?\d{1,2}(?:[.:]\d{1,2})?(?::[A-Za-z]{1,8})?\])?$/;

/** An OFX date-time ('20240115120000.000[-5:EST]') as the local date it names. */
export function dateFromOfx(text: string, where: string): string {
  const match = OFX_DATE.exec(text.trim());
  const date = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (!date)
    throw new StatementParseError(`${where}: ${JSON.stringify(text)} is not an OFX date (YYYYMMDD…)`);
  return date;
}
