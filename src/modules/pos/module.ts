import type { TandemModule } from '../../platform/module.ts';
import { posFixtures } from './fixtures.ts';
import { posRoutes } from './routes.ts';

export const posModule: TandemModule = {
  name: 'pos',
  routes: posRoutes,
  fixtures: posFixtures,
  after: ['catalog', 'inventory', 'accounting'],
};
