import type { TandemModule } from '../../platform/module.ts';
import { loadCrmDemo } from './demo.ts';
import { crmFixtures } from './fixtures.ts';
import { crmRoutes } from './routes.ts';

export const crmModule: TandemModule = {
  name: 'crm',
  routes: crmRoutes,
  demo: loadCrmDemo,
  fixtures: crmFixtures,
};
