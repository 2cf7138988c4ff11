// Typed errors for bad input and business refusals. Each has a stable machine code (used by
// clients and tests), an HTTP status, and a human title; the HTTP layer renders them as RFC 9457
// problem+json. Broken invariants are not AppErrors: they are assertions (see assert.ts).

export type FieldError = { path: string; message: string; code?: string };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

type ErrorSpec = { status: number; title: string };

/**
 * Declares a module's error codes in one place. Codes are prefixed with the module name:
 * `defineErrors('crm', { party_not_found: {...} }).party_not_found(detail)` makes an AppError
 * with code `crm.party_not_found`.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(
  module: string,
  specs: T,
): { [K in keyof T]: (detail?: string, fieldErrors?: FieldError[]) => AppError } & {
  catalogue: Record<string, ErrorSpec>;
} {
  const makers: Record<string, unknown> = {};
  const catalogue: Record<string, ErrorSpec> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const code = `${module}.${name}`;
    catalogue[code] = spec;
    makers[name] = (detail?: string, fieldErrors?: FieldError[]) =>
      new AppError(code, spec.status, spec.title, detail, fieldErrors);
  }
  errorCatalogue.push(catalogue);
  return { ...makers, catalogue } as never;
}

const errorCatalogue: Record<string, ErrorSpec>[] = [];

/** Every declared error code, for docs/API.md and the OpenAPI document. */
export function allErrorCodes(): Record<string, ErrorSpec> {
  return Object.assign({}, ...errorCatalogue);
}

export const PlatformErrors = defineErrors('platform', {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  route_not_found: { status: 404, title: 'No such route' },
  not_found: { status: 404, title: 'Not found' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  version_conflict: { status: 409, title: 'The record was changed by someone else' },
  idempotency_key_reused: {
    status: 422,
    title: 'This Idempotency-Key was used with a different request',
  },
  idempotency_key_in_progress: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
  },
  invalid_cursor: { status: 400, title: 'The pagination cursor is not valid' },
  unique_violation: { status: 409, title: 'A record with these values already exists' },
  constraint_violation: { status: 422, title: 'The change breaks a data rule' },
  service_unavailable: { status: 503, title: 'The service is not available' },
  internal: { status: 500, title: 'Internal server error' },
});
