import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import {
  CreateLocationInput,
  CreateWarehouseInput,
  Location,
  Move,
  PostMovesInput,
  Reservation,
  ReserveInput,
  StockLevel,
  Warehouse,
} from './contracts.ts';
import { createLocation, createWarehouse, listLocations, listWarehouses } from './service/locations.ts';
import { moveHistory, postMoves, reverseMove } from './service/moves.ts';
import { releaseReservation, reserve, stockLevels } from './service/stock.ts';
import { valuationRoutes } from './valuation/routes.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['inventory'];
const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const inventoryRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, options) => {
  const { database } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  await app.register(valuationRoutes, options);

  r.get(
    '/inventory/warehouses',
    {
      config: { permission: 'inventory.stock.read' },
      schema: { tags, summary: 'List warehouses', response: { 200: list(Warehouse), ...problems } },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await listWarehouses(db, request.principal!.companyId),
      })),
  );
  r.post(
    '/inventory/warehouses',
    {
      config: { permission: 'inventory.warehouse.write' },
      schema: {
        tags,
        summary: 'Create a warehouse (with its main Stock location)',
        body: CreateWarehouseInput,
        response: { 201: Warehouse, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createWarehouse(tx, request.body)),
  );
  r.get(
    '/inventory/locations',
    {
      config: { permission: 'inventory.stock.read' },
      schema: {
        tags,
        summary: 'List locations (of a warehouse, or all including virtual ones)',
        querystring: z.object({ warehouseId: z.uuid().optional() }).strict(),
        response: { 200: list(Location), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await listLocations(db, request.principal!.companyId, request.query.warehouseId),
      })),
  );
  r.post(
    '/inventory/locations',
    {
      config: { permission: 'inventory.warehouse.write' },
      schema: {
        tags,
        summary: 'Create a location (shelf, bin) in a warehouse',
        body: CreateLocationInput,
        response: { 201: Location, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createLocation(tx, request.body)),
  );
  r.post(
    '/inventory/moves',
    {
      config: { permission: 'inventory.move.write' },
      schema: {
        tags,
        summary: 'Post stock moves (receipts, deliveries, transfers, adjustments, scrap) in one transaction',
        body: PostMovesInput,
        response: { 201: list(Move), ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, async (tx) => ({
        data: await postMoves(tx, request.body.moves, { recordOnly: request.body.recordOnly }),
      })),
  );
  r.post(
    '/inventory/moves/:id/reverse',
    {
      config: { permission: 'inventory.move.write' },
      schema: {
        tags,
        summary: 'Correct a move with the opposite move (a posted move is never edited)',
        params: IdParams,
        body: z.object({ note: z.string().max(2000).nullish() }).strict(),
        response: { 201: Move, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, (tx) => reverseMove(tx, request.params.id, request.body.note)),
  );
  r.get(
    '/inventory/moves',
    {
      config: { permission: 'inventory.stock.read' },
      schema: {
        tags,
        summary: 'The move history of a variant, newest first',
        querystring: z
          .object({ variantId: z.uuid(), limit: z.coerce.number().int().min(1).max(500).default(100) })
          .strict(),
        response: { 200: list(Move), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await moveHistory(
          db,
          request.principal!.companyId,
          request.query.variantId,
          request.query.limit,
        ),
      })),
  );
  r.get(
    '/inventory/stock',
    {
      config: { permission: 'inventory.stock.read' },
      schema: {
        tags,
        summary: 'On hand, reserved and available, by variant and location',
        querystring: z
          .object({
            variantId: z.uuid().optional(),
            warehouseId: z.uuid().optional(),
            locationId: z.uuid().optional(),
            negative: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
          })
          .strict(),
        response: { 200: list(StockLevel), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await stockLevels(db, request.principal!.companyId, {
          ...request.query,
          negativeOnly: request.query.negative ?? false,
        }),
      })),
  );
  r.post(
    '/inventory/reservations',
    {
      config: { permission: 'inventory.reservation.write' },
      schema: {
        tags,
        summary: 'Reserve stock for an order line',
        body: ReserveInput,
        response: { 201: Reservation, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => reserve(tx, request.body)),
  );
  r.post(
    '/inventory/reservations/:id/release',
    {
      config: { permission: 'inventory.reservation.write' },
      schema: {
        tags,
        summary: 'Release a reservation',
        params: IdParams,
        response: { 200: Reservation, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => releaseReservation(tx, request.params.id)),
  );
};
