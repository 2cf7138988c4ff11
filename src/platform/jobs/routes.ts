import { and, eq, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../errors.ts';
import { keysetPage, listQuery, pageSchema } from '../http/pagination.ts';
import { ProblemSchema } from '../http/problem.ts';
import { read } from '../http/write.ts';
import type { ModuleRouteOptions } from '../module.ts';
import { jobs } from './schema.ts';

const Job = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(['queued', 'running', 'done', 'dead']),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.iso.datetime(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Job', description: 'A background job of your company and where it stands' });

type Row = typeof jobs.$inferSelect;
const toJob = (r: Row): z.infer<typeof Job> => ({
  id: r.id,
  name: r.name,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.maxAttempts,
  runAt: r.runAt.toISOString(),
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

const JobListQuery = listQuery(['createdAt', 'runAt'], '-createdAt', {
  status: z.enum(['queued', 'running', 'done', 'dead']).optional(),
  name: z.string().min(1).max(200).optional(),
});
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** The state of a company's background jobs (system jobs are not shown). */
export const jobRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/jobs',
    {
      config: { permission: 'jobs.job.read' },
      schema: {
        tags: ['jobs'],
        summary: 'List background jobs',
        querystring: JobListQuery,
        response: { 200: pageSchema(Job), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => {
        const q = request.query;
        const paging = keysetPage<Row>(
          q,
          { createdAt: jobs.createdAt, runAt: jobs.runAt },
          jobs.id,
          (row, f) => row[f as 'createdAt' | 'runAt'],
          (row) => row.id,
        );
        const filters: (SQL | undefined)[] = [
          eq(jobs.companyId, request.principal!.companyId),
          q.status ? eq(jobs.status, q.status) : undefined,
          q.name ? eq(jobs.name, q.name) : undefined,
          paging.where,
        ];
        const rows = await db
          .select()
          .from(jobs)
          .where(and(...filters))
          .orderBy(...paging.orderBy)
          .limit(paging.fetchLimit);
        const page = paging.page(rows);
        return { data: page.data.map(toJob), page: page.page };
      }),
  );
  r.get(
    '/jobs/:id',
    {
      config: { permission: 'jobs.job.read' },
      schema: {
        tags: ['jobs'],
        summary: 'Get a background job',
        params: z.object({ id: z.uuid() }).strict(),
        response: { 200: Job, ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => {
        const [row] = await db
          .select()
          .from(jobs)
          .where(and(eq(jobs.companyId, request.principal!.companyId), eq(jobs.id, request.params.id)));
        if (!row) throw PlatformErrors.not_found(`no job has the id ${request.params.id}`);
        return toJob(row);
      }),
  );
};
