import type { FieldError } from '../errors.ts';

// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is not text at all (it would be
// stored as U+FFFD, silently changing what the client sent). Both are refused at the edge.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused here
const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 32;

/** The first string in `value` (a parsed body, query or params) that is not valid text. */
export function findInvalidText(value: unknown, path: string, depth = 0): FieldError | undefined {
  if (typeof value === 'string') {
    return INVALID_TEXT.test(value)
      ? {
          path,
          message: 'contains a NUL character or a lone surrogate, which is not text',
          code: 'invalid_text',
        }
      : undefined;
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const keyError = findInvalidText(key, `${path}.${key}`, depth + 1);
    if (keyError) return keyError;
    const found = findInvalidText(child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
