-- Existing companies get the default roles (as they stood when roles became editable), and any
-- role name already used by a membership that is not a default becomes a role with no
-- permissions, so that memberships can reference roles.
INSERT INTO rbac_roles (company_id, id, key, name, permissions)
SELECT c.id, gen_random_uuid(), d.key, d.name, d.permissions
  FROM companies c
 CROSS JOIN (VALUES
  ('admin', 'Administrator', ARRAY['*']::text[]),
  ('sales_rep', 'Sales rep', ARRAY['crm.*', 'sales.quote.*', 'sales.order.read', 'inventory.stock.read']::text[]),
  ('cashier', 'Cashier', ARRAY['crm.party.read', 'pos.sale.*', 'pos.shift.*', 'pos.return.create', 'inventory.stock.read']::text[]),
  ('support_agent', 'Support agent', ARRAY['crm.party.read', 'support.*', 'sales.order.read', 'inventory.stock.read']::text[]),
  ('marketer', 'Marketer', ARRAY['crm.party.read', 'marketing.*', 'analytics.dashboard.read']::text[]),
  ('accountant', 'Accountant', ARRAY['crm.party.read', 'accounting.*', 'sales.invoice.*', 'purchasing.bill.*', 'analytics.*', 'audit.log.read']::text[]),
  ('warehouse_clerk', 'Warehouse clerk', ARRAY['inventory.*', 'purchasing.receipt.*', 'sales.delivery.*']::text[]),
  ('buyer', 'Buyer', ARRAY['crm.party.read', 'crm.party.write', 'purchasing.*', 'inventory.stock.read']::text[]),
  ('hr_manager', 'HR manager', ARRAY['hr.*']::text[]),
  ('approver', 'Approver / manager', ARRAY['approvals.*', 'analytics.dashboard.read', 'crm.party.read']::text[])
) AS d(key, name, permissions)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO rbac_roles (company_id, id, key, name, permissions)
SELECT DISTINCT m.company_id, gen_random_uuid(), m.role, m.role, '{}'::text[]
  FROM company_members m
 WHERE NOT EXISTS (SELECT 1 FROM rbac_roles r WHERE r.company_id = m.company_id AND r.key = m.role)
ON CONFLICT DO NOTHING;
