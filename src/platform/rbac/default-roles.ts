// The roles every new company starts with, one per person in PRODUCT.md. Companies edit them
// freely afterwards. Permissions of modules not built yet are listed by name (or module
// wildcard) so the roles are right the day those modules land.

export type RoleDefinition = { key: string; name: string; permissions: string[] };

export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  { key: 'admin', name: 'Administrator', permissions: ['*'] },
  {
    key: 'sales_rep',
    name: 'Sales rep',
    permissions: [
      'crm.*',
      'catalog.product.read',
      'sales.quote.*',
      'sales.order.read',
      'sales.order.confirm',
      'sales.return.create',
      'inventory.stock.read',
    ],
  },
  {
    key: 'cashier',
    name: 'Cashier',
    permissions: [
      'crm.party.read',
      'catalog.product.read',
      'pos.register.read',
      'pos.sale.*',
      'pos.shift.*',
      'pos.return.create',
      'inventory.stock.read',
    ],
  },
  {
    key: 'support_agent',
    name: 'Support agent',
    permissions: [
      'crm.party.read',
      'catalog.product.read',
      'support.*',
      'sales.order.read',
      'inventory.stock.read',
    ],
  },
  {
    key: 'marketer',
    name: 'Marketer',
    permissions: ['crm.party.read', 'marketing.*', 'analytics.dashboard.read'],
  },
  {
    key: 'accountant',
    name: 'Accountant',
    permissions: [
      'crm.party.read',
      'crm.party_tax_id.read',
      'crm.party_bank.read',
      'accounting.*',
      'sales.invoice.*',
      'purchasing.bill.*',
      'analytics.*',
      'audit.log.read',
    ],
  },
  {
    key: 'warehouse_clerk',
    name: 'Warehouse clerk',
    permissions: ['inventory.*', 'catalog.product.read', 'purchasing.receipt.*', 'sales.delivery.*'],
  },
  {
    key: 'buyer',
    name: 'Buyer',
    permissions: [
      'crm.party.read',
      'crm.party.write',
      'crm.party_tax_id.read',
      'crm.party_bank.read',
      'catalog.*',
      'purchasing.*',
      'inventory.stock.read',
    ],
  },
  {
    key: 'hr_manager',
    name: 'HR manager',
    permissions: ['hr.*'],
  },
  {
    key: 'approver',
    name: 'Approver / manager',
    permissions: [
      'approvals.*',
      'analytics.dashboard.read',
      'crm.party.read',
      'pos.override.approve',
      'pos.register.read',
    ],
  },
];
