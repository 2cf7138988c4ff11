import type { TandemModule } from '../../platform/module.ts';
import { loadCatalogDemo } from './demo.ts';
import { catalogFixtures } from './fixtures.ts';
import { catalogRoutes } from './routes.ts';

export const catalogModule: TandemModule = {
  name: 'catalog',
  routes: catalogRoutes,
  demo: loadCatalogDemo,
  fixtures: catalogFixtures,
};
