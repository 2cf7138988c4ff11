import { uuidv7 } from 'uuidv7';

/** A time-ordered UUIDv7, generated in the application (PostgreSQL 15 has no uuidv7()). */
export function newId(): string {
  return uuidv7();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
