import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocaleQuery } from '../../platform/http/locale-query.ts';
import { listQuery, pageSchema } from '../../platform/http/pagination.ts';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { renderInvoicePdf } from './documents/render-invoice-pdf.ts';
import { runDunning } from './dunning/run-dunning.ts';
import { cancelInvoice } from './invoices/cancel-invoice.ts';
import {
  CreateInvoiceInput,
  Invoice,
  InvoiceListQueryShape,
  UpdateInvoiceInput,
} from './invoices/contracts.ts';
import { createInvoice, deleteDraft, getInvoice, listInvoices, updateInvoice } from './invoices/drafts.ts';
import { invoiceDocument } from './invoices/invoice-document.ts';
import { postInvoice } from './invoices/post-invoice.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['accounting invoices'];
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;

export const InvoiceListQuery = listQuery(['createdAt', 'updatedAt'], '-createdAt', InvoiceListQueryShape);

export const invoiceRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database, mail }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/accounting/invoices',
    {
      config: { permission: 'accounting.invoice.read' },
      schema: {
        tags,
        summary: 'Invoices, credit notes, bills and refunds',
        querystring: InvoiceListQuery,
        response: { 200: pageSchema(Invoice), ...problems },
      },
    },
    (request) => read(database, request, (db) => listInvoices(db, company(request), request.query)),
  );
  r.get(
    '/accounting/invoices/:id',
    {
      config: { permission: 'accounting.invoice.read' },
      schema: {
        tags,
        summary: 'An invoice with its lines, taxes and amount due',
        params: IdParams,
        response: { 200: Invoice, ...problems },
      },
    },
    (request) => read(database, request, (db) => getInvoice(db, company(request), request.params.id)),
  );
  r.get(
    '/accounting/invoices/:id/pdf',
    {
      config: { permission: 'accounting.invoice.read' },
      schema: {
        tags,
        summary: 'The invoice as a PDF',
        params: IdParams,
        querystring: LocaleQuery,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...problems },
      },
    },
    async (request, reply) => {
      const document = await read(database, request, (db) =>
        invoiceDocument(db, company(request), request.params.id),
      );
      const pdf = await renderInvoicePdf(document, { locale: request.query.locale ?? 'en' });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${document.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`,
        )
        .send(pdf);
    },
  );
  r.post(
    '/accounting/invoices',
    {
      config: { permission: 'accounting.invoice.write' },
      schema: {
        tags,
        summary: 'Draft an invoice, credit note, bill or refund',
        body: CreateInvoiceInput,
        response: { 201: Invoice, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createInvoice(tx, request.body)),
  );
  r.patch(
    '/accounting/invoices/:id',
    {
      config: { permission: 'accounting.invoice.write' },
      schema: {
        tags,
        summary: 'Change a draft',
        params: IdParams,
        body: UpdateInvoiceInput,
        response: { 200: Invoice, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => updateInvoice(tx, request.params.id, request.body)),
  );
  r.delete(
    '/accounting/invoices/:id',
    {
      config: { permission: 'accounting.invoice.write' },
      schema: {
        tags,
        summary: 'Delete a draft',
        params: IdParams,
        response: { 204: z.null(), ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 204, async (tx) => {
        await deleteDraft(tx, request.params.id);
        return null;
      }),
  );
  r.post(
    '/accounting/invoices/:id/post',
    {
      config: { permission: 'accounting.invoice.post' },
      schema: {
        tags,
        summary: 'Post a draft: its journal entry, number and payment reference',
        params: IdParams,
        response: { 200: Invoice, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 200, (tx) => postInvoice(tx, request.params.id)),
  );
  r.post(
    '/accounting/dunning/run',
    {
      config: { permission: 'accounting.invoice.dunning' },
      schema: {
        tags,
        summary: 'Send the payment reminders due now (the server also does this every morning)',
        body: z.object({ asOf: z.iso.date().optional() }).strict(),
        response: {
          200: z.object({
            asOf: z.string(),
            sent: z.array(
              z.object({ invoiceId: z.uuid(), number: z.string(), level: z.number().int(), to: z.string() }),
            ),
            skipped: z.array(z.object({ invoiceId: z.uuid(), number: z.string(), reason: z.string() })),
          }),
          ...writeProblems,
        },
      },
    },
    async (request, reply) => {
      const asOf = request.body.asOf ?? new Date().toISOString().slice(0, 10);
      const result = await write(database, request, reply, 200, (tx) => runDunning(tx, asOf));
      void mail?.kick();
      return result;
    },
  );
  r.post(
    '/accounting/invoices/:id/cancel',
    {
      config: { permission: 'accounting.invoice.cancel' },
      schema: {
        tags,
        summary: 'Cancel: a draft outright, a posted invoice by a credit note for all of it',
        params: IdParams,
        body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
        response: { 200: Invoice, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => cancelInvoice(tx, request.params.id, request.body.reason)),
  );
};
