import { eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assert } from '../assert.ts';
import { cookieToken, principalOf } from '../http/auth-hook.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { clearSessionCookies } from './cookies.ts';
import { companies, users } from './schema.ts';
import { answerSession, SessionOut } from './session-answer.ts';
import { isSignedIn, revokeAllSessions, revokeSession, signIn } from './sessions.ts';
import { myCompanies, switchCompany } from './switch-company.ts';

const SignInBody = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
    companyId: z.uuid().optional(),
    cookie: z
      .boolean()
      .default(false)
      .describe('For browsers: keep the session in an httpOnly cookie instead of answering the token'),
  })
  .strict();

const MfaChallengeOut = z.object({
  mfaRequired: z.literal(true),
  challenge: z.string().describe('Complete with POST /api/v1/auth/sessions/mfa within 5 minutes'),
  expiresAt: z.iso.datetime(),
});

const MeOut = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
  company: z.object({ id: z.uuid(), name: z.string(), currencyCode: z.string() }),
  role: z.string(),
});

export const authRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/auth/sessions',
    {
      config: {
        public: true,
        // Tighter than the global limit: password guessing.
        rateLimit: { max: 20, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        security: [],
        body: SignInBody,
        description:
          'Answers 201 with a session, or 200 with an MFA challenge when the user has a second factor.',
        response: { 201: SessionOut, 200: MfaChallengeOut, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await signIn(database, request.body);
      if (isSignedIn(result)) return answerSession(request, reply, result, request.body.cookie);
      reply.code(200);
      return { ...result, expiresAt: result.expiresAt.toISOString() };
    },
  );

  r.delete(
    '/auth/sessions/current',
    {
      config: { permission: 'auth.session.own' },
      schema: { tags: ['auth'], summary: 'Sign out (revoke this session)', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { sessionId } = principalOf(request);
      // `auth.session.own` is held by signed-in members only, never by API keys.
      assert(sessionId, 'a session route reached without a session');
      await revokeSession(database, sessionId);
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/auth/companies',
    {
      config: { permission: 'auth.session.own' },
      schema: {
        tags: ['auth'],
        summary: 'The companies I belong to, with my role in each',
        response: {
          200: z.object({ data: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() })) }),
        },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      assert(userId, 'a session route reached without a session');
      return { data: await myCompanies(database, userId) };
    },
  );

  r.post(
    '/auth/sessions/switch',
    {
      config: { permission: 'auth.session.own' },
      schema: {
        tags: ['auth'],
        summary: 'Switch to another of my companies: a new session there; this one ends',
        body: z.object({ companyId: z.uuid() }).strict(),
        response: { 201: SessionOut, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { userId, sessionId } = principalOf(request);
      assert(userId && sessionId, 'a session route reached without a session');
      const session = await switchCompany(database, { userId, sessionId }, request.body.companyId);
      return answerSession(request, reply, session, cookieToken(request) !== undefined);
    },
  );

  r.delete(
    '/auth/sessions',
    {
      config: { permission: 'auth.session.own' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere: revoke every session of this user, in every company',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { userId } = principalOf(request);
      assert(userId, 'a session route reached without a session');
      await revokeAllSessions(database, userId);
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/auth/me',
    {
      config: { permission: 'auth.session.own' },
      schema: { tags: ['auth'], summary: 'Who am I, in which company', response: { 200: MeOut } },
    },
    async (request) => {
      const principal = principalOf(request);
      assert(principal.userId && principal.role, 'a session route reached without a session');
      const { userId, role } = principal;
      return read(database, request, async (db) => {
        const [user] = await db
          .select({ id: users.id, email: users.email, displayName: users.displayName })
          .from(users)
          .where(eq(users.id, userId));
        const [company] = await db
          .select({ id: companies.id, name: companies.name, currencyCode: companies.currencyCode })
          .from(companies)
          .where(eq(companies.id, principal.companyId));
        return { user: user!, company: company!, role };
      });
    },
  );
};
