import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';

const t = useTestApp({ TANDEM_BODY_LIMIT_BYTES: '4096' });
let admin: Member;

beforeAll(async () => {
  admin = await createMember(t.database);
});

const validParty = { kind: 'organisation', name: 'Acme', isCustomer: true };

async function expectProblemAndNoWrite(
  request: InjectOptions,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  const before = await databaseFingerprint(t.database);
  const response = await t.app.inject(request);
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ code, status, type: `urn:tandem:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(await databaseFingerprint(t.database)).toEqual(before);
  return body;
}

describe('bad input gets a clear problem+json 4xx and writes nothing', () => {
  it('malformed JSON', async () => {
    await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: { ...admin.auth, 'content-type': 'application/json' },
        payload: '{"kind": "organisation", "name": ',
      },
      400,
      'platform.malformed_json',
    );
  });

  it('an unknown field, reported at its path', async () => {
    const body = await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: admin.auth,
        payload: { ...validParty, colour: 'red' },
      },
      400,
      'platform.validation_failed',
    );
    expect(body.errors).toEqual([
      { path: 'body.colour', message: 'is not a known field', code: 'unknown_field' },
    ]);
  });

  it('a wrong type, with the field named', async () => {
    const body = await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: admin.auth,
        payload: { ...validParty, isCustomer: 'yes' },
      },
      400,
      'platform.validation_failed',
    );
    expect(body.errors).toEqual([expect.objectContaining({ path: 'body.isCustomer' })]);
  });

  it('a missing required field', async () => {
    const body = await expectProblemAndNoWrite(
      { method: 'POST', url: '/api/v1/crm/parties', headers: admin.auth, payload: { kind: 'person' } },
      400,
      'platform.validation_failed',
    );
    expect(body.errors).toEqual([expect.objectContaining({ path: 'body.name' })]);
  });

  it('text PostgreSQL cannot store: a NUL character or a lone surrogate', async () => {
    const body = await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: admin.auth,
        payload: { ...validParty, name: 'a\u0000b' },
      },
      400,
      'platform.validation_failed',
    );
    expect(body.errors).toEqual([expect.objectContaining({ path: 'body.name', code: 'invalid_text' })]);
    await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: admin.auth,
        payload: { ...validParty, notes: '\uD800x' },
      },
      400,
      'platform.validation_failed',
    );
    await expectProblemAndNoWrite(
      { method: 'GET', url: '/api/v1/crm/parties?q=%00', headers: admin.auth },
      400,
      'platform.validation_failed',
    );
  });

  it('an oversize body', async () => {
    await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: admin.auth,
        payload: { ...validParty, notes: 'x'.repeat(10_000) },
      },
      413,
      'platform.payload_too_large',
    );
  });

  it('an unsupported content type', async () => {
    await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: { ...admin.auth, 'content-type': 'application/xml' },
        payload: '<party/>',
      },
      415,
      'platform.unsupported_media_type',
    );
  });

  it('an unknown route', async () => {
    await expectProblemAndNoWrite(
      { method: 'GET', url: '/api/v1/nothing-here', headers: admin.auth },
      404,
      'platform.route_not_found',
    );
  });

  it('a malformed id in the path', async () => {
    await expectProblemAndNoWrite(
      { method: 'GET', url: '/api/v1/crm/parties/not-a-uuid', headers: admin.auth },
      400,
      'platform.validation_failed',
    );
  });

  it('a bad query parameter', async () => {
    await expectProblemAndNoWrite(
      { method: 'GET', url: '/api/v1/crm/parties?limit=100000', headers: admin.auth },
      400,
      'platform.validation_failed',
    );
  });

  it('a business refusal keeps its own code', async () => {
    await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: admin.auth,
        payload: { kind: 'person', name: 'Nobody' },
      },
      422,
      'crm.party_role_required',
    );
  });

  it('no credential, or a credential that is not valid', async () => {
    await expectProblemAndNoWrite(
      { method: 'POST', url: '/api/v1/crm/parties', payload: validParty },
      401,
      'platform.unauthenticated',
    );
    await expectProblemAndNoWrite(
      {
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: { authorization: 'Bearer tds_forged' },
        payload: validParty,
      },
      401,
      'platform.unauthenticated',
    );
  });

  it('a role without the permission', async () => {
    const clerk = await createMember(t.database, 'warehouse_clerk');
    await expectProblemAndNoWrite(
      { method: 'POST', url: '/api/v1/crm/parties', headers: clerk.auth, payload: validParty },
      403,
      'platform.forbidden',
    );
  });
});

describe('responses', () => {
  it('carry the request id, the security headers and an ETag; a matching If-None-Match gets 304', async () => {
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/v1/crm/parties',
      headers: { ...admin.auth, 'x-request-id': 'trace-123' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-request-id']).toBe('trace-123');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const second = await t.app.inject({
      method: 'GET',
      url: '/api/v1/crm/parties',
      headers: { ...admin.auth, 'if-none-match': etag },
    });
    expect(second.statusCode).toBe(304);
  });

  it('are compressed when the client accepts it', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
  });
});
