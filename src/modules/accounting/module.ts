import type { TandemModule } from '../../platform/module.ts';
import { accountingChecks } from './checks.ts';
import { loadAccountingDemo } from './demo.ts';
import { DunningJob } from './dunning/run-dunning.ts';
import { accountingFixtures } from './fixtures.ts';
import { inventoryPostingRules } from './posting-rules/inventory.ts';
import { posPostingRules } from './posting-rules/pos.ts';
import { accountingRoutes } from './routes.ts';

export const accountingModule: TandemModule = {
  name: 'accounting',
  routes: accountingRoutes,
  demo: loadAccountingDemo,
  checks: accountingChecks,
  fixtures: accountingFixtures,
  subscribers: { inTransaction: [...posPostingRules, ...inventoryPostingRules] },
  schedules: [{ name: 'accounting.dunning', cron: '0 7 * * *', job: DunningJob }],
  after: ['crm'],
};
