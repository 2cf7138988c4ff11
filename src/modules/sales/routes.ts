import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocaleQuery } from '../../platform/http/locale-query.ts';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { CreateQuotationInput, DeliverInput, ReturnInput, SalesOrder, SendOrderInput } from './contracts.ts';
import { ORDER_STATES } from './schema.ts';
import { deliverySlipHtml } from './service/delivery-slip.ts';
import { cancelOrder, confirmOrder, deliverOrder } from './service/fulfil.ts';
import { invoiceOrder } from './service/invoice-order.ts';
import { orderPdf, sendOrder } from './service/order-document.ts';
import { createQuotation, getOrder, listOrders } from './service/orders.ts';
import { returnGoods } from './service/return-goods.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['sales'];
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;
const action = (permission: string, summary: string) => ({
  config: { permission },
  schema: { tags, summary, params: IdParams, response: { 200: SalesOrder, ...writeProblems } },
});

export const salesRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database, mail }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/sales/orders',
    {
      config: { permission: 'sales.order.read' },
      schema: {
        tags,
        summary: 'Quotations and orders, newest first',
        querystring: z
          .object({
            customerId: z.uuid().optional(),
            state: z.enum(ORDER_STATES).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ data: z.array(SalesOrder) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await listOrders(db, company(request), request.query),
      })),
  );
  r.get(
    '/sales/orders/:id',
    {
      config: { permission: 'sales.order.read' },
      schema: {
        tags,
        summary: 'A quotation or order',
        params: IdParams,
        response: { 200: SalesOrder, ...problems },
      },
    },
    (request) => read(database, request, (db) => getOrder(db, company(request), request.params.id)),
  );
  r.get(
    '/sales/orders/:id/pdf',
    {
      config: { permission: 'sales.order.read' },
      schema: {
        tags,
        summary: 'The quotation or order confirmation as a PDF',
        params: IdParams,
        querystring: LocaleQuery,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...writeProblems },
      },
    },
    async (request, reply) => {
      const document = await read(database, request, (db) =>
        orderPdf(db, company(request), request.params.id, { locale: request.query.locale ?? 'en' }),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${document.filename}"`)
        .send(document.pdf);
    },
  );
  r.get(
    '/sales/deliveries/:id/slip',
    {
      config: { permission: 'sales.order.read' },
      schema: {
        tags,
        summary: 'The delivery slip as printable HTML (what is in the parcel, what is to follow)',
        params: IdParams,
        produces: ['text/html'],
        response: { 200: z.string(), ...problems },
      },
    },
    async (request, reply) => {
      const html = await read(database, request, (db) =>
        deliverySlipHtml(db, company(request), request.params.id),
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
  r.post(
    '/sales/orders/:id/send',
    {
      config: { permission: 'sales.quote.send' },
      schema: {
        tags,
        summary: 'Mail the quotation or order confirmation as a PDF (sent through SMTP after commit)',
        params: IdParams,
        body: SendOrderInput,
        response: {
          202: z.object({ to: z.string(), subject: z.string(), filename: z.string() }),
          ...writeProblems,
        },
      },
    },
    async (request, reply) => {
      const result = await write(database, request, reply, 202, (tx) =>
        sendOrder(tx, request.params.id, request.body),
      );
      void mail?.kick();
      return result;
    },
  );
  r.post(
    '/sales/orders',
    {
      config: { permission: 'sales.quote.write' },
      schema: {
        tags,
        summary: 'Make a quotation (priced from the catalogue, taxed by tax category)',
        body: CreateQuotationInput,
        response: { 201: SalesOrder, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createQuotation(tx, request.body)),
  );
  r.post(
    '/sales/orders/:id/confirm',
    action('sales.order.confirm', 'Confirm a quotation: credit limit checked, stock reserved'),
    (request, reply) => write(database, request, reply, 200, (tx) => confirmOrder(tx, request.params.id)),
  );
  r.post(
    '/sales/orders/:id/deliveries',
    {
      config: { permission: 'sales.delivery.create' },
      schema: {
        tags,
        summary: 'Deliver (part of) an order; the rest stays a backorder',
        params: IdParams,
        body: DeliverInput,
        response: { 200: SalesOrder, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => deliverOrder(tx, request.params.id, request.body)),
  );
  r.post(
    '/sales/orders/:id/invoices',
    action('sales.invoice.create', 'Invoice what is delivered (or ordered) and not invoiced yet'),
    (request, reply) => write(database, request, reply, 200, (tx) => invoiceOrder(tx, request.params.id)),
  );
  r.post(
    '/sales/orders/:id/returns',
    {
      config: { permission: 'sales.return.create' },
      schema: {
        tags,
        summary: 'Take delivered goods back: they return to the warehouse, what was invoiced is credited',
        params: IdParams,
        body: ReturnInput,
        response: { 200: SalesOrder, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => returnGoods(tx, request.params.id, request.body)),
  );
  r.post(
    '/sales/orders/:id/cancel',
    action('sales.order.cancel', 'Cancel a quotation, or what is left of an order'),
    (request, reply) => write(database, request, reply, 200, (tx) => cancelOrder(tx, request.params.id)),
  );
};
