import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuery, pageSchema } from '../http/pagination.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { auditCsv, searchAuditLog } from './trail.ts';

const AuditEntry = z
  .object({
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    changes: z.unknown().describe('Each changed field with its old and new value; secrets redacted'),
    requestId: z.string().nullable(),
    sourceIp: z.string().nullable(),
    sealSeq: z.number().int().nullable().describe('Place in the company hash chain; null until sealed'),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const name = z.string().trim().min(1).max(200);
const filters = {
  actorId: z.uuid().optional(),
  actorType: z.enum(['user', 'api_key', 'system']).optional(),
  entity: name.optional().describe('e.g. `crm.party`'),
  entityId: name.optional(),
  action: name.optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Inclusive'),
  to: z.iso.datetime({ offset: true }).optional().describe('Exclusive'),
};
const SearchQuery = listQuery(['occurredAt'], '-occurredAt', filters);
const TrailQuery = listQuery(['occurredAt'], 'occurredAt', {});
const MAX_CSV_ROWS = 10_000;
const CsvQuery = SearchQuery.extend({
  limit: z.coerce.number().int().min(1).max(MAX_CSV_ROWS).default(MAX_CSV_ROWS),
}).strict();
const TrailParams = z.object({ entity: name, entityId: name }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const tags = ['audit'];

export const auditRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/audit/records/:entity/:entityId',
    {
      config: { permission: 'audit.log.read' },
      schema: {
        tags,
        summary: 'The audit trail of one record, oldest first',
        params: TrailParams,
        querystring: TrailQuery,
        response: { 200: pageSchema(AuditEntry), ...problems },
      },
    },
    (request) =>
      read(database, request, (db) =>
        searchAuditLog(db, request.principal!.companyId, { ...request.query, ...request.params }),
      ),
  );

  r.get(
    '/audit/entries',
    {
      config: { permission: 'audit.log.read' },
      schema: {
        tags,
        summary: 'Search the audit log by actor, entity, action and time',
        querystring: SearchQuery,
        response: { 200: pageSchema(AuditEntry), ...problems },
      },
    },
    (request) =>
      read(database, request, (db) => searchAuditLog(db, request.principal!.companyId, request.query)),
  );

  r.get(
    '/audit/entries.csv',
    {
      config: { permission: 'audit.log.read' },
      schema: {
        tags,
        summary: 'The same search as CSV (up to 10 000 rows; `x-next-cursor` continues)',
        querystring: CsvQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const page = await read(database, request, (db) =>
        searchAuditLog(db, request.principal!.companyId, request.query),
      );
      if (page.page.nextCursor) reply.header('x-next-cursor', page.page.nextCursor);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(auditCsv(page.data));
    },
  );
};
