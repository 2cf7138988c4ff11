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
