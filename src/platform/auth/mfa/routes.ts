import { eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assert } from '../../assert.ts';
import { principalOf } from '../../http/auth-hook.ts';
import { ProblemSchema } from '../../http/problem.ts';
import { write } from '../../http/write.ts';
import type { ModuleRouteOptions } from '../../module.ts';
import type { SecretBox } from '../../secret-box.ts';
import { users } from '../schema.ts';
import { answerSession, SessionOut } from '../session-answer.ts';
import { completeChallenge } from './challenges.ts';
import { confirmTotp, startTotp } from './enrollment.ts';

const CompleteInput = z
  .object({
    challenge: z.string().min(1).max(200),
    code: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    recoveryCode: z.string().min(16).max(40).optional(),
    cookie: z.boolean().default(false).describe('For browsers: answer with session cookies'),
  })
  .strict()
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: 'send either code or recoveryCode',
  });

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema };
const tags = ['auth'];

export const mfaRoutes: FastifyPluginAsync<ModuleRouteOptions & { secrets: SecretBox }> = async (
  app,
  { database, secrets },
) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/auth/sessions/mfa',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Complete a sign-in with a TOTP code or a recovery code',
        security: [],
        body: CompleteInput,
        response: { 201: SessionOut, ...problems },
      },
    },
    async (request, reply) => {
      const session = await completeChallenge(database, secrets, request.body);
      return answerSession(request, reply, session, request.body.cookie);
    },
  );

  r.post(
    '/auth/mfa/totp',
    {
      config: { permission: 'auth.mfa.own' },
      schema: {
        tags,
        summary: 'Start setting up an authenticator app: answers the secret to scan',
        response: { 201: z.object({ secret: z.string(), otpauthUri: z.string() }), ...problems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, async (tx) => {
        const { userId } = principalOf(request);
        assert(userId, 'auth.mfa.own is held by signed-in members only');
        const [user] = await tx.db
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(eq(users.id, userId));
        return startTotp(tx, secrets, user!);
      }),
  );

  r.post(
    '/auth/mfa/totp/confirm',
    {
      config: { permission: 'auth.mfa.own' },
      schema: {
        tags,
        summary: 'Confirm the authenticator with a code; answers recovery codes, shown once',
        body: z.object({ code: z.string().regex(/^\d{6}$/) }).strict(),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...problems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => {
        const { userId, sessionId } = principalOf(request);
        assert(userId && sessionId, 'auth.mfa.own is held by signed-in members only');
        return confirmTotp(tx, secrets, userId, sessionId, request.body.code);
      }),
  );
};
