import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { exportUbl } from './invoices/export-ubl.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['accounting invoices'];
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;

export const einvoiceRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, options) => {
  const { database } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/accounting/invoices/:id/ubl',
    {
      config: { permission: 'accounting.invoice.read' },
      schema: {
        tags,
        summary: 'A posted customer invoice or credit note as a UBL 2.1 e-invoice (Peppol BIS 3 or EN 16931)',
        params: IdParams,
        produces: ['application/xml'],
        response: {
          200: z.any().describe('application/xml'),
          ...problems,
          409: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const exported = await read(database, request, (db) =>
        exportUbl(db, company(request), request.params.id),
      );
      return reply
        .type('application/xml')
        .header('content-disposition', `attachment; filename="${exported.filename}"`)
        .send(exported.xml);
    },
  );
};
