import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-hook.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read, write } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { permissionCatalogue } from '../rbac/catalogue.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';

const CreateApiKeyInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    permissions: z.array(z.string().max(120)).min(1).max(200),
    expiresInDays: z.number().int().min(1).max(366).default(90),
  })
  .strict()
  .meta({ id: 'CreateApiKeyInput' });

const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    tokenPrefix: z.string(),
    permissions: z.array(z.string()),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

const NewApiKey = ApiKey.extend({
  token: z.string().describe('Send as `Authorization: Bearer <token>`. Shown once, never again.'),
}).meta({ id: 'NewApiKey' });

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['auth'];

export const apiKeyRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/auth/api-keys',
    {
      config: { permission: 'auth.api_key.manage' },
      schema: {
        tags,
        summary: 'Make an API key for an integration (the token is shown once)',
        body: CreateApiKeyInput,
        response: { 201: NewApiKey, ...problems, 422: ProblemSchema },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, (tx) =>
        createApiKey(tx, principalOf(request), request.body, new Set(permissionCatalogue(app.routeRegistry))),
      ),
  );

  r.get(
    '/auth/api-keys',
    {
      config: { permission: 'auth.api_key.manage' },
      schema: {
        tags,
        summary: "List the company's API keys (never their tokens)",
        response: { 200: z.object({ data: z.array(ApiKey) }), ...problems },
      },
    },
    async (request) => ({
      data: await read(database, request, (db) => listApiKeys(db, principalOf(request).companyId)),
    }),
  );

  r.delete(
    '/auth/api-keys/:id',
    {
      config: { permission: 'auth.api_key.manage' },
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await write(database, request, reply, 204, (tx) => revokeApiKey(tx, request.params.id));
      return reply.code(204).send(null);
    },
  );
};
