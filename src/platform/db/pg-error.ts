/** The PostgreSQL error under whatever the driver or Drizzle wrapped it in, if there is one. */
export type PgError = { code: string; message: string; constraint?: string; detail?: string };

export function pgErrorOf(error: unknown): PgError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code))
      return candidate as PgError;
    current = candidate.cause;
  }
  return undefined;
}
