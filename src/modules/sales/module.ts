import type { TandemModule } from '../../platform/module.ts';
import { loadSalesDemo } from './demo.ts';
import { salesFixtures } from './fixtures.ts';
import { salesRoutes } from './routes.ts';

export const salesModule: TandemModule = {
  name: 'sales',
  routes: salesRoutes,
  fixtures: salesFixtures,
  demo: loadSalesDemo,
  after: ['crm', 'catalog', 'accounting', 'inventory'],
};
