import { isoDate } from './dates.ts';

// Date formats of bank CSV exports, written with tokens: YYYY, YY, MMM (Jan…Dec), MM, M, DD, D,
// and optionally a time (HH, H, mm, ss) that is checked and then dropped. One-letter tokens take
// one or two digits, so 'D/M/YYYY' reads both 5/3/2024 and 05/03/2024.
const TOKENS = ['YYYY', 'YY', 'MMM', 'MM', 'M', 'DD', 'D', 'HH', 'H', 'mm', 'ss'] as const;
type Token = (typeof TOKENS)[number];

const TOKEN_PATTERN: Record<Token, string> = {
  YYYY: '(\\d{4})',
  YY: '(\\d{2})',
  MMM: '([A-Za-z]{3})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The characters a date format may use between its tokens. */
export const DATE_FORMAT_PATTERN = /^(YYYY|YY|MMM|MM|M|DD|D|HH|H|mm|ss|[ ./\-:T,])+$/;

export type DateReader = (text: string) => string | null;

/** A reader for one format: 'YYYY-MM-DD' for a real date in that format, else null. */
export function compileDateFormat(format: string): DateReader {
  const tokens: Token[] = [];
  let source = '';
  for (let rest = format; rest.length > 0; ) {
    const token = TOKENS.find((candidate) => rest.startsWith(candidate));
    if (token) {
      tokens.push(token);
      source += TOKEN_PATTERN[token];
      rest = rest.slice(token.length);
    } else {
      source += (rest[0] ?? '').replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      rest = rest.slice(1);
    }
  }
  const pattern = new RegExp(`^${source}$`);
  return (text) => {
    const match = pattern.exec(text.trim());
    if (!match) return null;
    const parts = new Map(tokens.map((token, index) => [token, match[index + 1] ?? '']));
    if (!timeIsValid(parts)) return null;
    return isoDate(yearOf(parts), monthOf(parts), Number(parts.get('DD') ?? parts.get('D')));
  };
}

/** Whether the format names a year, a month and a day, each once. */
export function isCompleteDateFormat(format: string): boolean {
  const used: string[] = [];
  for (let rest = format; rest.length > 0; ) {
    const token = TOKENS.find((candidate) => rest.startsWith(candidate));
    if (token)
      used.push(token[0] === 'Y' ? 'year' : token[0] === 'M' ? 'month' : token[0] === 'D' ? 'day' : token);
    rest = rest.slice(token?.length ?? 1);
  }
  return ['year', 'month', 'day'].every((part) => used.filter((name) => name === part).length === 1);
}

// Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (the POSIX strptime rule).
function yearOf(parts: Map<Token, string>): number {
  const full = parts.get('YYYY');
  if (full !== undefined) return Number(full);
  const short = Number(parts.get('YY'));
  return short < 70 ? 2000 + short : 1900 + short;
}

function monthOf(parts: Map<Token, string>): number {
  const name = parts.get('MMM');
  if (name !== undefined) return MONTHS.indexOf(name.toUpperCase()) + 1;
  return Number(parts.get('MM') ?? parts.get('M'));
}

function timeIsValid(parts: Map<Token, string>): boolean {
  const hours = parts.get('HH') ?? parts.get('H');
  const minutes = parts.get('mm');
  const seconds = parts.get('ss');
  return (
    (hours === undefined || Number(hours) <= 23) &&
    (minutes === undefined || Number(minutes) <= 59) &&
    (seconds === undefined || Number(seconds) <= 59)
  );
}
