import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvariantError } from '../assert.ts';
import { pgErrorOf } from '../db/pg-error.ts';
import { AppError, type FieldError, PlatformErrors } from '../errors.ts';

// RFC 9457 problem details. `code` is the stable machine-readable key; `type` is a URN made of it.
export const ProblemSchema = z
  .object({
    type: z.string(),
    code: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
      .optional(),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem: what went wrong, in words and as a stable code.',
  });

export type Problem = z.infer<typeof ProblemSchema>;

export function problemOf(error: AppError, request: FastifyRequest): Problem {
  return {
    type: `urn:tandem:problem:${error.code}`,
    code: error.code,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(error.fieldErrors?.length ? { errors: error.fieldErrors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  return reply.code(error.status).type('application/problem+json').send(problemOf(error, request));
}

type ValidationIssue = {
  instancePath: string;
  message?: string;
  keyword: string;
  params?: Record<string, unknown>;
};

function fieldErrorsOf(issues: ValidationIssue[], context: string | undefined): FieldError[] {
  const where = context ?? 'body';
  return issues.flatMap((issue) => {
    const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    // Unknown fields are reported one by one, at their own path.
    const keys =
      issue.keyword === 'unrecognized_keys' ? (issue.params?.keys as string[] | undefined) : undefined;
    if (keys?.length) {
      return keys.map((key) => ({
        path: [where, base, key].filter(Boolean).join('.'),
        message: 'is not a known field',
        code: 'unknown_field',
      }));
    }
    return [
      {
        path: [where, base].filter(Boolean).join('.'),
        message: issue.message ?? 'is not valid',
        code: issue.keyword,
      },
    ];
  });
}

/** Turns any error into problem+json: typed errors keep their code, the rest become clear 4xx or a 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = fieldErrorsOf(error.validation as ValidationIssue[], error.validationContext);
    const summary = fields.map((f) => `${f.path} ${f.message}`).join('; ');
    return PlatformErrors.validation_failed(summary, fields);
  }
  if (error instanceof z.ZodError) {
    const fields = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
    return PlatformErrors.validation_failed(fields.map((f) => `${f.path} ${f.message}`).join('; '), fields);
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return PlatformErrors.malformed_json(fastifyError.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return PlatformErrors.payload_too_large(fastifyError.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return PlatformErrors.unsupported_media_type(fastifyError.message);
  }
  if (fastifyError.statusCode === 429) return PlatformErrors.rate_limited(fastifyError.message);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return PlatformErrors.malformed_json(error.message);
  }
  const pgError = pgErrorOf(error);
  if (pgError?.code === '23505') {
    return PlatformErrors.unique_violation(
      pgError.detail ?? `violates ${pgError.constraint ?? 'a unique rule'}`,
    );
  }
  if (pgError && ['23514', '23503', '23502', '22001', '22003'].includes(pgError.code)) {
    return PlatformErrors.constraint_violation(pgError.message);
  }
  if (pgError && ['57P01', '57P03', '08006', '08001', '53300'].includes(pgError.code)) {
    return PlatformErrors.service_unavailable('the database is not reachable; try again shortly');
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError('platform.bad_request', fastifyError.statusCode, 'Bad request', fastifyError.message);
  }
  return PlatformErrors.internal();
}

export function registerProblemHandlers(
  app: FastifyInstance,
  notFoundFallback: (request: FastifyRequest, reply: FastifyReply) => boolean = () => false,
) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      const level = error instanceof InvariantError ? 'fatal' : 'error';
      request.log[level]({ err: error }, 'request failed');
    } else {
      request.log.info({ code: appError.code, status: appError.status }, appError.detail ?? appError.title);
    }
    return sendProblem(reply, request, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes in the browser: its paths are answered with its page.
    if (notFoundFallback(request, reply)) return reply;
    return sendProblem(
      reply,
      request,
      PlatformErrors.route_not_found(`${request.method} ${request.url.split('?')[0]} does not exist`),
    );
  });
}
