import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';

const t = useTestApp();

describe('the OpenAPI document', () => {
  it('is served at /api/openapi.json and is a valid OpenAPI 3.1 document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    if (!result.valid) throw new Error(compileErrors(result));
    expect(document.paths['/api/v1/crm/parties'].post).toBeDefined();
    expect(document.components.schemas.Problem).toBeDefined();
  });

  it('is browsable at /api/docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBeLessThan(400);
  });
});

describe('the AsyncAPI document', () => {
  it('lists every event type with its payload schema', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/asyncapi.json' })).json();
    expect(document.asyncapi).toBe('3.0.0');
    const created = document.components.messages['crm.party.created_1'];
    expect(created.name).toBe('crm.party.created@1');
    expect(created.payload.properties).toHaveProperty('partyId');
    expect(created.payload.required).toContain('name');
    expect(document.channels['crm.party.created_1'].address).toBe('crm.party.created@1');
  });
});

describe('the route registry', () => {
  it('has a declared permission on every route that is not public', () => {
    const routes = t.app.routeRegistry;
    expect(routes.map((r) => `${r.method} ${r.url}`)).toContain('POST /api/v1/crm/parties');
    const undeclared = routes
      .filter((r) => !r.config.public && !/^[a-z]+\.[a-z_]+\.[a-z_]+$/.test(r.config.permission ?? ''))
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });
});
