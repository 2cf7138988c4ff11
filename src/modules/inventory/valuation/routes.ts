import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../platform/http/problem.ts';
import { read } from '../../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../../platform/module.ts';
import { FifoBook, ValuationEntry, ValuationReport, ValuationReportQuery } from './contracts.ts';
import { fifoBook, valuationHistory } from './history.ts';
import { valuationReport } from './report.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['inventory'];

export const valuationRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/inventory/valuation',
    {
      config: { permission: 'inventory.stock.read' },
      schema: {
        tags,
        summary: 'Stock value per variant as of the end of a day, with totals',
        querystring: ValuationReportQuery,
        response: { 200: ValuationReport, ...problems },
      },
    },
    (request) =>
      read(database, request, (db) => valuationReport(db, request.principal!.companyId, request.query)),
  );
  r.get(
    '/inventory/valuation/entries',
    {
      config: { permission: 'inventory.stock.read' },
      schema: {
        tags,
        summary: 'The valuation history of a variant, newest first, with the balance after each entry',
        querystring: z
          .object({ variantId: z.uuid(), limit: z.coerce.number().int().min(1).max(500).default(100) })
          .strict(),
        response: { 200: z.object({ data: z.array(ValuationEntry) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await valuationHistory(
          db,
          request.principal!.companyId,
          request.query.variantId,
          request.query.limit,
        ),
      })),
  );
  r.get(
    '/inventory/valuation/layers',
    {
      config: { permission: 'inventory.stock.read' },
      schema: {
        tags,
        summary: 'The open FIFO cost layers of a variant, oldest first, and its open shortfalls',
        querystring: z.object({ variantId: z.uuid() }).strict(),
        response: { 200: FifoBook, ...problems },
      },
    },
    (request) =>
      read(database, request, (db) => fifoBook(db, request.principal!.companyId, request.query.variantId)),
  );
};
