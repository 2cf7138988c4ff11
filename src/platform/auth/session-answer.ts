import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfTokenFor, setSessionCookies } from './cookies.ts';
import type { SignedIn } from './sessions.ts';

export const SessionOut = z
  .object({
    token: z
      .string()
      .optional()
      .describe('Send as `Authorization: Bearer <token>`. Shown once; absent for a cookie session.'),
    csrfToken: z
      .string()
      .optional()
      .describe('Cookie sessions only: send it in the X-CSRF-Token header on every write.'),
    expiresAt: z.iso.datetime(),
    user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
    company: z.object({ id: z.uuid(), name: z.string(), role: z.string() }),
  })
  .meta({ id: 'Session' });

/** The answer to a completed sign-in: a bearer token, or cookies for a browser. */
export function answerSession(
  request: FastifyRequest,
  reply: FastifyReply,
  session: SignedIn,
  cookie: boolean,
) {
  reply.code(201);
  const { token, ...rest } = session;
  const answer = { ...rest, expiresAt: session.expiresAt.toISOString() };
  if (!cookie) return { ...answer, token };
  // The token stays out of the body: only the httpOnly cookie carries it.
  setSessionCookies(request, reply, token, session.expiresAt);
  return { ...answer, csrfToken: csrfTokenFor(token) };
}
