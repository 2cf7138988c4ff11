import { en, type MessageKey } from './en';

// One catalogue for now; another language is another object with the same keys.
const catalogues: Record<string, Record<MessageKey, string>> = { en };

export const locale: string = typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';
const messages = catalogues[locale.split('-')[0] ?? 'en'] ?? en;

/** The message for `key` in the user's language, with `{placeholders}` filled in. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
const number = new Intl.NumberFormat(locale);

export function formatDateTime(value: string | Date): string {
  return dateTime.format(typeof value === 'string' ? new Date(value) : value);
}

export function formatDate(value: string | Date): string {
  return date.format(typeof value === 'string' ? new Date(value) : value);
}

export function formatNumber(value: number): string {
  return number.format(value);
}

// Calendar days (YYYY-MM-DD) are read and shown in UTC: a day is a day, in any time zone.
const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar day such as 2026-03-01, for the user's locale (1 Mar 2026, Mar 1, 2026, …). */
export function formatDay(isoDay: string): string {
  return day.format(new Date(`${isoDay}T00:00:00Z`));
}

/** The month a calendar day falls in (March 2026). */
export function formatMonth(isoDay: string): string {
  return month.format(new Date(`${isoDay}T00:00:00Z`));
}

/** Today on the user's calendar, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
