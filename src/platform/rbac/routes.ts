import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuery, pageSchema } from '../http/pagination.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read, write } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { permissionCatalogue } from './catalogue.ts';
import { AssignRoleInput, CreateRoleInput, Member, Role, UpdateRoleInput } from './contracts.ts';
import { assignRole, createRole, getRole, listMembers, listRoles, updateRole } from './roles.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const UserParams = z.object({ userId: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['rbac'];

export const rbacRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Read when asked, not at registration: routes of later modules are in the registry by then.
  const catalogue = () => new Set(permissionCatalogue(app.routeRegistry));

  r.get(
    '/rbac/permissions',
    {
      config: { permission: 'rbac.role.read' },
      schema: {
        tags,
        summary: 'Every permission a role may name (from the routes, plus planned modules)',
        response: { 200: z.object({ data: z.array(z.string()) }), ...problems },
      },
    },
    async () => ({ data: [...catalogue()] }),
  );

  r.get(
    '/rbac/roles',
    {
      config: { permission: 'rbac.role.read' },
      schema: {
        tags,
        summary: 'List roles',
        querystring: listQuery(['key', 'name'], 'key', {}),
        response: { 200: pageSchema(Role), ...problems },
      },
    },
    (request) => read(database, request, (db) => listRoles(db, request.principal!.companyId, request.query)),
  );

  r.get(
    '/rbac/roles/:id',
    {
      config: { permission: 'rbac.role.read' },
      schema: { tags, summary: 'Get a role', params: IdParams, response: { 200: Role, ...problems } },
    },
    (request) =>
      read(database, request, (db) => getRole(db, request.principal!.companyId, request.params.id)),
  );

  r.post(
    '/rbac/roles',
    {
      config: { permission: 'rbac.role.write' },
      schema: {
        tags,
        summary: 'Create a role',
        body: CreateRoleInput,
        response: { 201: Role, ...problems, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, (tx) => createRole(tx, request.body, catalogue())),
  );

  r.patch(
    '/rbac/roles/:id',
    {
      config: { permission: 'rbac.role.write' },
      schema: {
        tags,
        summary: 'Change a role (takes effect on the next request of its members)',
        params: IdParams,
        body: UpdateRoleInput,
        response: { 200: Role, ...problems, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) =>
        updateRole(tx, request.params.id, request.body, catalogue()),
      ),
  );

  r.get(
    '/rbac/members',
    {
      config: { permission: 'rbac.member.read' },
      schema: {
        tags,
        summary: 'List the members of the company and their roles',
        querystring: listQuery(['joinedAt', 'email'], 'joinedAt', {}),
        response: { 200: pageSchema(Member), ...problems },
      },
    },
    (request) =>
      read(database, request, (db) => listMembers(db, request.principal!.companyId, request.query)),
  );

  r.put(
    '/rbac/members/:userId/role',
    {
      config: { permission: 'rbac.member.write' },
      schema: {
        tags,
        summary: "Set a member's role",
        params: UserParams,
        body: AssignRoleInput,
        response: { 200: Member, ...problems, 409: ProblemSchema },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => assignRole(tx, request.params.userId, request.body.role)),
  );
};
