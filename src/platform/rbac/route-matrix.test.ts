import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createMember, joinCompany, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { withSystemTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { permissionCatalogue } from './catalogue.ts';
import { EVERY_MEMBER, EVERY_MEMBER_AFTER_MFA } from './permissions.ts';

const t = useTestApp();

// Fills path parameters so the route matches; the permission check runs before anything else.
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, () => newId()).replace(/\*$/, 'x');
}

describe('the role × route matrix', () => {
  it('refuses every route to a member whose role holds every other permission, and writes nothing', async () => {
    const admin = await createMember(t.database);
    const member = await joinCompany(t.database, admin.companyId, 'approver');
    const catalogue = permissionCatalogue(t.app.routeRegistry);
    const routes = t.app.routeRegistry.filter(
      (r) =>
        !r.config.public &&
        !EVERY_MEMBER.has(r.config.permission ?? '') &&
        !EVERY_MEMBER_AFTER_MFA.has(r.config.permission ?? ''),
    );
    expect(routes.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const route of routes) {
      const permission = route.config.permission!;
      const others = catalogue.filter((p) => p !== permission);
      // The role is edited between requests, as an admin would mid-session.
      await withSystemTx(t.database, (db) =>
        db.execute(
          sql`update rbac_roles set permissions = ${`{${others.join(',')}}`}::text[] where company_id = ${admin.companyId} and key = 'approver'`,
        ),
      );
      const before = await databaseFingerprint(t.database);
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: `${concreteUrl(route.url)}`,
        headers: { ...member.auth, 'content-type': 'application/json' },
        ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { payload: '{}' }),
      });
      // HEAD answers carry no body, so only their status can be checked.
      const code =
        route.method === 'HEAD'
          ? 'platform.forbidden'
          : response.statusCode === 403
            ? response.json().code
            : undefined;
      if (response.statusCode !== 403 || code !== 'platform.forbidden') {
        failures.push(
          `${route.method} ${route.url}: ${response.statusCode} ${code ?? response.body.slice(0, 80)}`,
        );
      }
      if (JSON.stringify(await databaseFingerprint(t.database)) !== JSON.stringify(before)) {
        failures.push(`${route.method} ${route.url} wrote something`);
      }
    }
    expect(failures).toEqual([]);
  });
});
