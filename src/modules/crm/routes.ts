import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuery, pageSchema } from '../../platform/http/pagination.ts';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { CreatePartyInput, Party, UpdatePartyInput } from './contracts.ts';
import { createParty, getParty, listParties, updateParty } from './service.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const PartyListQuery = listQuery(['name', 'createdAt', 'updatedAt'], 'name', {
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Matches name or email (contains) or tax id (exact)'),
  role: z.enum(['customer', 'supplier']).optional(),
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['crm'];
// A party's tax id is shown only to roles that may see it (field rules, platform/http/field-rules.ts).
const fieldRules = { taxId: 'crm.party_tax_id.read', bankAccounts: 'crm.party_bank.read' };

export const crmRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/crm/parties',
    {
      config: { permission: 'crm.party.read', fieldRules },
      schema: {
        tags,
        summary: 'List parties',
        querystring: PartyListQuery,
        response: { 200: pageSchema(Party), ...problems },
      },
    },
    (request) =>
      read(database, request, (db) => listParties(db, request.principal!.companyId, request.query)),
  );

  r.get(
    '/crm/parties/:id',
    {
      config: { permission: 'crm.party.read', fieldRules },
      schema: { tags, summary: 'Get a party', params: IdParams, response: { 200: Party, ...problems } },
    },
    (request) =>
      read(database, request, (db) => getParty(db, request.principal!.companyId, request.params.id)),
  );

  r.post(
    '/crm/parties',
    {
      config: { permission: 'crm.party.write', fieldRules },
      schema: {
        tags,
        summary: 'Create a party (customer, supplier or both)',
        body: CreatePartyInput,
        response: { 201: Party, ...problems, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createParty(tx, request.body)),
  );

  r.patch(
    '/crm/parties/:id',
    {
      config: { permission: 'crm.party.write', fieldRules },
      schema: {
        tags,
        summary: 'Change a party (send the version you read)',
        params: IdParams,
        body: UpdatePartyInput,
        response: { 200: Party, ...problems, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => updateParty(tx, request.params.id, request.body)),
  );
};
