import { describe, expect, it } from 'vitest';
import { modules } from '../../src/modules/registry.ts';
import { withTx } from '../../src/platform/db/tx.ts';
import { platformFixtures } from '../../src/platform/fixtures.ts';
import { backboneFixtures } from '../../src/platform/fixtures-backbone.ts';
import type { Fixtures, RouteFixture } from '../../src/platform/module.ts';
import { createMember, useTestApp } from '../support/app.ts';
import { databaseFingerprint } from '../support/counts.ts';

const t = useTestApp();

function urlOf(template: string, fixture: RouteFixture & { params?: Record<string, string> }): string {
  const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = fixture.params?.[name];
    if (!value) throw new Error(`the fixture of ${template} gives no :${name}`);
    return encodeURIComponent(value);
  });
  const query = 'query' in fixture && fixture.query ? `?${new URLSearchParams(fixture.query)}` : '';
  return `${path}${query}`;
}

describe('company isolation, route by route', () => {
  it("answers every route called by company A with company B's records with 404/403 or with none of B's data, writing nothing", async () => {
    const a = await createMember(t.database);
    const b = await createMember(t.database);
    const failures: string[] = [];
    const factories = [
      { name: 'platform', fixtures: platformFixtures },
      { name: 'backbone', fixtures: backboneFixtures },
      ...modules.map((m) => ({ name: m.name, fixtures: m.fixtures })),
    ];
    const fixtures: Fixtures = { ids: [b.companyId, b.userId], routes: {} };
    for (const { name, fixtures: factory } of factories) {
      if (!factory) {
        failures.push(`module ${name} has no fixture factory`);
        continue;
      }
      // Company A has records of its own too (accounting set up, and so on), so that each route
      // gets past "not set up" to the lookup of B's ids.
      await withTx(t.database, { companyId: a.companyId, actor: { type: 'user', id: a.userId } }, (tx) =>
        factory(tx, { userId: a.userId }),
      );
      const made = await withTx(
        t.database,
        { companyId: b.companyId, actor: { type: 'user', id: b.userId } },
        (tx) => factory(tx, { userId: b.userId }),
      );
      fixtures.ids.push(...made.ids);
      Object.assign(fixtures.routes, made.routes);
    }
    const routes = t.app.routeRegistry.filter((r) => !r.config.public && r.method !== 'HEAD');
    let called = 0;
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const fixture = fixtures.routes[name];
      if (!fixture) {
        failures.push(`${name}: no fixture names a record of another company for it`);
        continue;
      }
      if ('namesNoRecord' in fixture) continue;
      const before = await databaseFingerprint(t.database);
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: urlOf(route.url, fixture),
        headers: a.auth,
        ...(fixture.body !== undefined ? { payload: fixture.body as object } : {}),
      });
      called++;
      const leaked = fixtures.ids.filter((id) => response.body.includes(id));
      const refused = response.statusCode === 403 || response.statusCode === 404;
      const emptyRead = route.method === 'GET' && response.statusCode === 200 && leaked.length === 0;
      if (!refused && !emptyRead) {
        failures.push(
          `${name}: ${response.statusCode}${leaked.length ? ` showing ${leaked.join(', ')}` : ''}`,
        );
      }
      if (JSON.stringify(await databaseFingerprint(t.database)) !== JSON.stringify(before)) {
        failures.push(`${name}: wrote something`);
      }
    }
    expect(failures).toEqual([]);
    expect(called).toBeGreaterThan(10);
  });
});
