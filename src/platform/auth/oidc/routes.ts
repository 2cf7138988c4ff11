import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../http/problem.ts';
import type { ModuleRouteOptions } from '../../module.ts';
import { AuthErrors } from '../errors.ts';
import { answerSession, SessionOut } from '../session-answer.ts';
import type { SingleSignOn } from './sso.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['auth'];

export const oidcRoutes: FastifyPluginAsync<
  ModuleRouteOptions & { sso: SingleSignOn | undefined; publicUrl: string }
> = async (app, { sso, publicUrl }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const configured = () => {
    if (!sso)
      throw AuthErrors.oidc_not_configured(
        'set TANDEM_OIDC_ISSUER, TANDEM_OIDC_CLIENT_ID and TANDEM_OIDC_CLIENT_SECRET',
      );
    return sso;
  };

  r.get(
    '/auth/oidc/start',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Sign in with the single sign-on provider: redirects there',
        security: [],
        querystring: z
          .object({
            companyId: z.uuid().optional(),
            cookie: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true'),
          })
          .strict(),
        response: { 302: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const location = await configured().start(request.query);
      return reply.redirect(location, 302);
    },
  );

  r.get(
    '/auth/oidc/callback',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "The provider's redirect back: opens the session (a browser is sent home with cookies)",
        security: [],
        // Not strict: providers may add parameters of their own, which are ignored.
        querystring: z.object({
          code: z.string().max(4000).optional(),
          state: z.string().max(500).optional(),
          iss: z.string().max(500).optional(),
          session_state: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
        }),
        response: { 201: SessionOut, 303: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const query = Object.fromEntries(
        Object.entries(request.query).filter(([, v]) => v !== undefined),
      ) as Record<string, string>;
      const { session, cookie } = await configured().complete(query);
      const answer = answerSession(request, reply, session, cookie);
      return cookie ? reply.redirect(`${publicUrl}/`, 303) : answer;
    },
  );
};
