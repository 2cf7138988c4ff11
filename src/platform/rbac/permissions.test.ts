import { describe, expect, it } from 'vitest';
import { grants, isPermissionPattern } from './permissions.ts';

describe('permission patterns', () => {
  it('grant by exact name, by module or entity wildcard, or by `*`', () => {
    expect(grants(['crm.party.read'], 'crm.party.read')).toBe(true);
    expect(grants(['crm.party.read'], 'crm.party.write')).toBe(false);
    expect(grants(['crm.*'], 'crm.party.write')).toBe(true);
    expect(grants(['crm.party.*'], 'crm.party.write')).toBe(true);
    expect(grants(['crm.party.*'], 'crm.partyx.write')).toBe(false);
    expect(grants(['crm.*'], 'crmx.party.read')).toBe(false);
    expect(grants(['*'], 'accounting.entry.post')).toBe(true);
    expect(grants([], 'crm.party.read')).toBe(false);
  });

  it('accept names and wildcards only', () => {
    for (const ok of ['*', 'crm.*', 'crm.party.*', 'crm.party.read', 'sales_x.order_line.read'])
      expect(isPermissionPattern(ok)).toBe(true);
    for (const bad of ['crm', 'crm.party', '*.read', 'crm.*.read', 'CRM.party.read', 'crm..read', ''])
      expect(isPermissionPattern(bad)).toBe(false);
  });
});
