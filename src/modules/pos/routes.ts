import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, txContextOf, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import {
  CashMoveInput,
  CloseShiftInput,
  CompleteSaleInput,
  CreateRegisterInput,
  DaySummary,
  OpenShiftInput,
  Register,
  ReturnInput,
  Sale,
  SetManagerPinInput,
  Shift,
  ShiftReport,
  TillCatalogue,
} from './contracts.ts';
import { completeSale } from './service/complete-sale.ts';
import { daySummary } from './service/day-summary.ts';
import { approvalOf, OVERRIDE_PERMISSION, setManagerPin } from './service/manager-override.ts';
import { mailReceipt, saleReceipt } from './service/receipt-mail.ts';
import { createRegister, getRegister, listRegisters } from './service/registers.ts';
import { returnSale } from './service/returns.ts';
import { getSale, listSales } from './service/sales.ts';
import { closeShift, getShift, moveCash, openShift, shiftReport } from './service/shifts.ts';
import { tillCatalogue } from './service/till-catalogue.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['pos'];
const company = (request: { principal?: { companyId: string } | undefined }) => request.principal!.companyId;
const SaleAnswer = Sale.extend({
  replayed: z.boolean().describe('true when this sale was recorded before (a repeated sync)'),
});

export const posRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database, mail }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/pos/registers',
    {
      config: { permission: 'pos.register.read' },
      schema: {
        tags,
        summary: 'Registers',
        response: { 200: z.object({ data: z.array(Register) }), ...problems },
      },
    },
    (request) => read(database, request, async (db) => ({ data: await listRegisters(db, company(request)) })),
  );
  r.get(
    '/pos/registers/:id',
    {
      config: { permission: 'pos.register.read' },
      schema: { tags, summary: 'A register', params: IdParams, response: { 200: Register, ...problems } },
    },
    (request) => read(database, request, (db) => getRegister(db, company(request), request.params.id)),
  );
  r.get(
    '/pos/registers/:id/catalogue',
    {
      config: { permission: 'pos.sale.complete' },
      schema: {
        tags,
        summary: 'What the till sells from, also offline: items, barcodes, prices and taxes',
        params: IdParams,
        response: { 200: TillCatalogue, ...problems },
      },
    },
    (request) => read(database, request, (db) => tillCatalogue(db, company(request), request.params.id)),
  );
  r.post(
    '/pos/registers',
    {
      config: { permission: 'pos.register.write' },
      schema: {
        tags,
        summary: 'Add a register at a store warehouse',
        body: CreateRegisterInput,
        response: { 201: Register, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createRegister(tx, request.body)),
  );
  r.post(
    '/pos/shifts',
    {
      config: { permission: 'pos.shift.open' },
      schema: {
        tags,
        summary: 'Open a shift with the counted float',
        body: OpenShiftInput,
        response: { 201: Shift, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => openShift(tx, request.body)),
  );
  r.get(
    '/pos/shifts/:id',
    {
      config: { permission: 'pos.shift.read' },
      schema: { tags, summary: 'A shift', params: IdParams, response: { 200: Shift, ...problems } },
    },
    (request) => read(database, request, (db) => getShift(db, company(request), request.params.id)),
  );
  r.get(
    '/pos/shifts/:id/report',
    {
      config: { permission: 'pos.shift.read' },
      schema: {
        tags,
        summary: 'X report of an open shift, Z report of a closed one',
        params: IdParams,
        response: { 200: ShiftReport, ...problems },
      },
    },
    (request) => read(database, request, (db) => shiftReport(db, company(request), request.params.id)),
  );
  r.post(
    '/pos/shifts/:id/close',
    {
      config: { permission: 'pos.shift.close' },
      schema: {
        tags,
        summary: 'Close with the counted cash; the variance is posted',
        params: IdParams,
        body: CloseShiftInput,
        response: { 200: ShiftReport, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => closeShift(tx, request.params.id, request.body)),
  );
  r.post(
    '/pos/shifts/:id/cash-moves',
    {
      config: { permission: 'pos.shift.cash' },
      schema: {
        tags,
        summary: 'Put cash into or take it out of the drawer, with a reason',
        params: IdParams,
        body: CashMoveInput,
        response: { 201: ShiftReport, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, (tx) => moveCash(tx, request.params.id, request.body)),
  );
  r.post(
    '/pos/sales',
    {
      config: { permission: 'pos.sale.complete' },
      schema: {
        tags,
        summary: 'Complete a sale (also the sync of an offline till: recorded once per client sale id)',
        body: CompleteSaleInput,
        response: { 201: SaleAnswer, ...writeProblems },
      },
    },
    async (request, reply) => {
      const approvedBy = await approvalOf(database, txContextOf(request), request.body.override);
      return write(database, request, reply, 201, (tx) => completeSale(tx, request.body, approvedBy));
    },
  );
  r.get(
    '/pos/sales',
    {
      config: { permission: 'pos.sale.read' },
      schema: {
        tags,
        summary: 'Sales and returns, newest first (flagged: recorded past zero stock)',
        querystring: z
          .object({
            shiftId: z.uuid().optional(),
            registerId: z.uuid().optional(),
            flagged: z.stringbool().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ data: z.array(Sale) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({ data: await listSales(db, company(request), request.query) })),
  );
  r.get(
    '/pos/summary',
    {
      config: { permission: 'pos.sale.read' },
      schema: {
        tags,
        summary: 'A day’s takings at the tills (UTC day), per register and in all',
        querystring: z.object({ date: z.iso.date().optional().describe('Today when absent') }).strict(),
        response: { 200: DaySummary, ...problems },
      },
    },
    (request) =>
      read(database, request, (db) =>
        daySummary(db, company(request), request.query.date ?? new Date().toISOString().slice(0, 10)),
      ),
  );
  r.get(
    '/pos/sales/:id',
    {
      config: { permission: 'pos.sale.read' },
      schema: { tags, summary: 'A sale', params: IdParams, response: { 200: Sale, ...problems } },
    },
    (request) => read(database, request, (db) => getSale(db, company(request), request.params.id)),
  );
  r.get(
    '/pos/sales/:id/receipt',
    {
      config: { permission: 'pos.sale.read' },
      schema: {
        tags,
        summary: 'The receipt as printable HTML for 80 mm paper (also for a reprint)',
        params: IdParams,
        produces: ['text/html'],
        response: { 200: z.string(), ...problems },
      },
    },
    async (request, reply) => {
      const { html } = await read(database, request, (db) =>
        saleReceipt(db, company(request), request.params.id),
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
  r.post(
    '/pos/sales/:id/receipt/mail',
    {
      config: { permission: 'pos.sale.read' },
      schema: {
        tags,
        summary: 'Mail the receipt to the customer (or the address given), through SMTP after commit',
        params: IdParams,
        body: z.object({ to: z.email().max(254).optional() }).strict(),
        response: { 202: z.object({ to: z.string(), subject: z.string() }), ...writeProblems },
      },
    },
    async (request, reply) => {
      const result = await write(database, request, reply, 202, (tx) =>
        mailReceipt(tx, request.params.id, request.body),
      );
      void mail?.kick();
      return result;
    },
  );
  r.post(
    '/pos/sales/:id/returns',
    {
      config: { permission: 'pos.return.create' },
      schema: {
        tags,
        summary: 'Return items of a receipt: stock back, refund by the chosen method',
        params: IdParams,
        body: ReturnInput,
        response: { 201: SaleAnswer, ...writeProblems },
      },
    },
    async (request, reply) => {
      const approvedBy = await approvalOf(database, txContextOf(request), request.body.override);
      return write(database, request, reply, 201, (tx) =>
        returnSale(tx, request.params.id, request.body, approvedBy),
      );
    },
  );
  r.put(
    '/pos/manager-pin',
    {
      config: { permission: OVERRIDE_PERMISSION },
      schema: {
        tags,
        summary: 'Set your own manager PIN, for overrides at the till',
        body: SetManagerPinInput,
        response: { 200: z.object({ userId: z.uuid() }), ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 200, (tx) => setManagerPin(tx, request.body.pin)),
  );
};
