// What an audit row records of a change: each changed field with its old and new value.
// Secrets never reach the audit log, only the fact that they changed.

export type FieldChange = { old: unknown; new: unknown };
export type Changes = Record<string, FieldChange>;

const SECRET_FIELD = /password|secret|token|otp|recovery/i;
const REDACTED = '[redacted]';

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** Fields that differ between two versions of a record (either may be absent). */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: readonly string[] = ['updatedAt', 'version'],
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    const oldValue = before?.[key];
    const newValue = after?.[key];
    if (before && after && same(oldValue, newValue)) continue;
    const secret = SECRET_FIELD.test(key);
    changes[key] = {
      old: secret && oldValue != null ? REDACTED : normalise(oldValue),
      new: secret && newValue != null ? REDACTED : normalise(newValue),
    };
  }
  return changes;
}
