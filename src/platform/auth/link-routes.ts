import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../http/problem.ts';
import { write } from '../http/write.ts';
import type { MailOutbox } from '../mail/outbox.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { acceptInvitation, createInvitation } from './invitations.ts';
import { completePasswordReset, requestPasswordReset } from './password-reset.ts';

// Password resets and invitations: single-use links sent by mail after the commit that made them.

const Token = z.string().min(10).max(200);
const Password = z.string().min(1).max(1024);
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
const tags = ['auth'];

export const linkRoutes: FastifyPluginAsync<
  ModuleRouteOptions & { outbox: MailOutbox; publicUrl: string }
> = async (app, { database, outbox, publicUrl }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/auth/password-resets',
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Mail a password reset link (the answer is the same whether the address has an account)',
        security: [],
        body: z.object({ email: z.email().max(320) }).strict(),
        response: { 202: z.object({}), ...problems },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(database, request.body.email, publicUrl);
      // Sent in the background: waiting for the mail server would make the answer slower exactly
      // when the address has an account.
      void outbox.kick();
      reply.code(202);
      return {};
    },
  );

  r.post(
    '/auth/password-resets/complete',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Choose a new password with a reset link (signs out everywhere)',
        security: [],
        body: z.object({ token: Token, password: Password }).strict(),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await completePasswordReset(database, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/auth/invitations',
    {
      config: { permission: 'auth.invitation.create' },
      schema: {
        tags,
        summary: 'Invite a person by email to join this company in a role',
        body: z.object({ email: z.email().max(320), role: z.string().min(1).max(50) }).strict(),
        response: {
          201: z.object({ id: z.uuid(), email: z.string(), role: z.string(), expiresAt: z.iso.datetime() }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const invitation = await write(database, request, reply, 201, (tx) =>
        createInvitation(tx, request.body, publicUrl),
      );
      void outbox.kick();
      return invitation;
    },
  );

  r.post(
    '/auth/invitations/accept',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Accept an invitation (a new person also chooses a display name and password)',
        security: [],
        body: z
          .object({
            token: Token,
            displayName: z.string().trim().min(1).max(200).optional(),
            password: Password.optional(),
          })
          .strict(),
        response: {
          201: z.object({ companyId: z.uuid(), userId: z.uuid(), newUser: z.boolean() }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const accepted = await acceptInvitation(database, request.body);
      reply.code(201);
      return accepted;
    },
  );
};
