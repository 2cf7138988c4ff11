import { eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assert } from '../assert.ts';
import { principalOf } from '../http/auth-hook.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { companies, users } from './schema.ts';
import { revokeSession, signIn } from './sessions.ts';

const SignInBody = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
    companyId: z.uuid().optional(),
  })
  .strict();

const SessionOut = z.object({
  token: z.string().describe('Send as `Authorization: Bearer <token>`. Shown once.'),
  expiresAt: z.iso.datetime(),
  user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
  company: z.object({ id: z.uuid(), name: z.string(), role: z.string() }),
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
        response: { 201: SessionOut, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const session = await signIn(database, request.body);
      reply.code(201);
      return { ...session, expiresAt: session.expiresAt.toISOString() };
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
