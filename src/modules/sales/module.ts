import type { TandemModule } from '../../platform/module.ts';
import { salesFixtures } from './fixtures.ts';
import { salesRoutes } from './routes.ts';

export const salesModule: TandemModule = {
  name: 'sales',
  routes: salesRoutes,
  fixtures: salesFixtures,
  after: ['crm', 'catalog', 'accounting', 'inventory'],
};
