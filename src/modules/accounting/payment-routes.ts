import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { openItems } from './matching/allocations.ts';
import { MatchInput, OpenItemSchema, Payment, RegisterPaymentInput } from './payments/contracts.ts';
import { getPayment, listPayments, matchLines, releaseAllocation } from './payments/payments.ts';
import { registerPayment } from './payments/register-payment.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['accounting payments'];
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;

export const paymentRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/accounting/payments',
    {
      config: { permission: 'accounting.payment.read' },
      schema: {
        tags,
        summary: 'Payments, newest first',
        querystring: z
          .object({
            partnerId: z.uuid().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ data: z.array(Payment) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await listPayments(db, company(request), request.query),
      })),
  );
  r.get(
    '/accounting/payments/:id',
    {
      config: { permission: 'accounting.payment.read' },
      schema: {
        tags,
        summary: 'A payment and what it paid',
        params: IdParams,
        response: { 200: Payment, ...problems },
      },
    },
    (request) => read(database, request, (db) => getPayment(db, company(request), request.params.id)),
  );
  r.post(
    '/accounting/payments',
    {
      config: { permission: 'accounting.payment.write' },
      schema: {
        tags,
        summary: 'Register money received or paid, and the invoices it pays',
        body: RegisterPaymentInput,
        response: { 201: Payment, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => registerPayment(tx, request.body)),
  );
  r.get(
    '/accounting/open-items',
    {
      config: { permission: 'accounting.entry.read' },
      schema: {
        tags,
        summary: 'Open items (unpaid invoices, unallocated payments) of a partner or an account',
        querystring: z.object({ partnerId: z.uuid().optional(), accountId: z.uuid().optional() }).strict(),
        response: { 200: z.object({ data: z.array(OpenItemSchema) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({ data: await openItems(db, company(request), request.query) })),
  );
  r.post(
    '/accounting/allocations',
    {
      config: { permission: 'accounting.payment.write' },
      schema: {
        tags,
        summary: 'Match two open items (a debit and a credit of one account and partner)',
        body: MatchInput,
        response: { 201: z.object({ allocationId: z.uuid() }), ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => matchLines(tx, request.body)),
  );
  r.post(
    '/accounting/allocations/:id/release',
    {
      config: { permission: 'accounting.payment.write' },
      schema: {
        tags,
        summary: 'Undo a match',
        params: IdParams,
        response: { 204: z.null(), ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 204, async (tx) => {
        await releaseAllocation(tx, request.params.id);
        return null;
      }),
  );
};
