import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { MAX_UBL_BYTES, runtimeValidator, validatedDocument } from './einvoice/runtime-validator.ts';
import { Invoice } from './invoices/contracts.ts';
import { exportUbl } from './invoices/export-ubl.ts';
import { importEinvoice } from './invoices/import-einvoice.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 413: ProblemSchema, 422: ProblemSchema };
const tags = ['accounting invoices'];
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;

export const ImportUblInput = z
  .object({
    xml: z
      .string()
      .min(1)
      .max(MAX_UBL_BYTES)
      .describe('A UBL 2.1 Invoice or CreditNote (EN 16931, Peppol BIS Billing 3.0), at most 2 MiB'),
  })
  .strict();

// JSON escaping can make a body longer than the XML it carries; the XML's own limit is above.
const IMPORT_BODY_LIMIT_BYTES = 3 * MAX_UBL_BYTES;

export const einvoiceRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, options) => {
  const { database, files } = options;
  const validator = runtimeValidator(options.config);
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
  r.post(
    '/accounting/invoices/import-ubl',
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      config: { permission: 'accounting.invoice.write' },
      schema: {
        tags,
        summary: "A supplier's e-invoice as a draft bill or refund, once it passes the EN 16931 rules",
        body: ImportUblInput,
        response: { 201: Invoice, ...writeProblems },
      },
    },
    async (request, reply) => {
      // Validation is CPU work of a fraction of a second: it runs before the transaction opens.
      const document = await validatedDocument(validator, request.body.xml);
      const input = { document, xml: request.body.xml, files };
      return write(database, request, reply, 201, (tx) => importEinvoice(tx, input));
    },
  );
};
