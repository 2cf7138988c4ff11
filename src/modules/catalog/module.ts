import type { TandemModule } from '../../platform/module.ts';
import { loadCatalogDemo } from './demo.ts';
import { catalogRoutes } from './routes.ts';

export const catalogModule: TandemModule = { name: 'catalog', routes: catalogRoutes, demo: loadCatalogDemo };
