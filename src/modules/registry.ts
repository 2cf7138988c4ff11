import type { TandemModule } from '../platform/module.ts';
import { accountingModule } from './accounting/module.ts';
import { catalogModule } from './catalog/module.ts';
import { crmModule } from './crm/module.ts';
import { inventoryModule } from './inventory/module.ts';
import { posModule } from './pos/module.ts';
import { salesModule } from './sales/module.ts';

/** Every business module, in dependency order (a module's demo data may rely on earlier ones). */
export const modules: TandemModule[] = [
  crmModule,
  catalogModule,
  accountingModule,
  inventoryModule,
  salesModule,
  posModule,
];
