import type { TandemModule } from '../../platform/module.ts';
import { loadInventoryDemo } from './demo.ts';
import { inventoryFixtures } from './fixtures.ts';
import { inventoryRoutes } from './routes.ts';
import { inventoryChecks } from './service/stock.ts';
import { valuationChecks } from './valuation/checks.ts';

export const inventoryModule: TandemModule = {
  name: 'inventory',
  routes: inventoryRoutes,
  demo: loadInventoryDemo,
  checks: [...inventoryChecks, ...valuationChecks],
  fixtures: inventoryFixtures,
  // Accounting first, so that stock received in the demo is in the books.
  after: ['catalog', 'accounting'],
};
