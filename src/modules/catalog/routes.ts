import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listQuery, pageSchema } from '../../platform/http/pagination.ts';
import { ProblemSchema } from '../../platform/http/problem.ts';
import { read, write } from '../../platform/http/write.ts';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import {
  CreateProductInput,
  Product,
  UpdateProductInput,
  Variant,
  VariantInput,
  VariantSearchHit,
} from './contracts.ts';
import {
  addVariant,
  createProduct,
  findByBarcode,
  getProduct,
  listProducts,
  searchVariants,
  updateProduct,
} from './service.ts';

const IdParams = z.object({ id: z.uuid() }).strict();
const ProductListQuery = listQuery(['name', 'createdAt', 'updatedAt'], 'name', {
  q: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(['stockable', 'consumable', 'service']).optional(),
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const SearchQuery = z
  .object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(50).default(20) })
  .strict();
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { ...problems, 409: ProblemSchema, 422: ProblemSchema };
const tags = ['catalog'];

export const catalogRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/catalog/products',
    {
      config: { permission: 'catalog.product.read' },
      schema: {
        tags,
        summary: 'List products with their variants',
        querystring: ProductListQuery,
        response: { 200: pageSchema(Product), ...problems },
      },
    },
    (request) =>
      read(database, request, (db) => listProducts(db, request.principal!.companyId, request.query)),
  );

  r.get(
    '/catalog/products/:id',
    {
      config: { permission: 'catalog.product.read' },
      schema: { tags, summary: 'Get a product', params: IdParams, response: { 200: Product, ...problems } },
    },
    (request) =>
      read(database, request, (db) => getProduct(db, request.principal!.companyId, request.params.id)),
  );

  r.post(
    '/catalog/products',
    {
      config: { permission: 'catalog.product.write' },
      schema: {
        tags,
        summary: 'Create a product and its variants',
        body: CreateProductInput,
        response: { 201: Product, ...writeProblems },
      },
    },
    (request, reply) => write(database, request, reply, 201, (tx) => createProduct(tx, request.body)),
  );

  r.patch(
    '/catalog/products/:id',
    {
      config: { permission: 'catalog.product.write' },
      schema: {
        tags,
        summary: 'Change a product (send the version you read)',
        params: IdParams,
        body: UpdateProductInput,
        response: { 200: Product, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 200, (tx) => updateProduct(tx, request.params.id, request.body)),
  );

  r.post(
    '/catalog/products/:id/variants',
    {
      config: { permission: 'catalog.product.write' },
      schema: {
        tags,
        summary: 'Add a variant to a product',
        params: IdParams,
        body: VariantInput,
        response: { 201: Variant, ...writeProblems },
      },
    },
    (request, reply) =>
      write(database, request, reply, 201, (tx) => addVariant(tx, request.params.id, request.body)),
  );

  r.get(
    '/catalog/search',
    {
      config: { permission: 'catalog.product.read' },
      schema: {
        tags,
        summary: 'Find variants by barcode, SKU or product name (a scanned barcode comes first)',
        querystring: SearchQuery,
        response: { 200: z.object({ data: z.array(VariantSearchHit) }), ...problems },
      },
    },
    (request) =>
      read(database, request, async (db) => ({
        data: await searchVariants(db, request.principal!.companyId, request.query.q, request.query.limit),
      })),
  );

  r.get(
    '/catalog/barcodes/:barcode',
    {
      config: { permission: 'catalog.product.read' },
      schema: {
        tags,
        summary: 'The variant a scanned barcode stands for (the GS1 check digit is verified)',
        params: z.object({ barcode: z.string().min(1).max(14) }).strict(),
        response: { 200: VariantSearchHit, ...problems, 422: ProblemSchema },
      },
    },
    (request) =>
      read(database, request, (db) =>
        findByBarcode(db, request.principal!.companyId, request.params.barcode),
      ),
  );
};
