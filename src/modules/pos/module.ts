import type { TandemModule } from '../../platform/module.ts';
import { posChecks } from './checks.ts';
import { loadPosDemo } from './demo.ts';
import { posFixtures } from './fixtures.ts';
import { posRoutes } from './routes.ts';

export const posModule: TandemModule = {
  name: 'pos',
  routes: posRoutes,
  fixtures: posFixtures,
  demo: loadPosDemo,
  checks: posChecks,
  after: ['catalog', 'inventory', 'accounting'],
};
