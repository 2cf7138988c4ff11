import type { FastifyPluginAsync } from 'fastify';
import type { ModuleRouteOptions } from '../../platform/module.ts';
import { bankRoutes } from './bank-routes.ts';
import { einvoiceRoutes } from './einvoice-routes.ts';
import { invoiceRoutes } from './invoice-routes.ts';
import { ledgerRoutes } from './ledger-routes.ts';
import { paymentRoutes } from './payment-routes.ts';
import { reportRoutes } from './report-routes.ts';

export const accountingRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (app, options) => {
  await app.register(ledgerRoutes, options);
  await app.register(reportRoutes, options);
  await app.register(invoiceRoutes, options);
  await app.register(einvoiceRoutes, options);
  await app.register(paymentRoutes, options);
  await app.register(bankRoutes, options);
};
