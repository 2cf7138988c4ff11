// Test support for the e-invoice routes (not used at runtime): API calls as a member, a company
// set up with its own details, taxes by VAT category and rate, and an app whose validator finds
// the rules the test kit compiled already.

import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createMember, type Member } from '../../../test/support/app.ts';
import type { Database } from '../../platform/db/database.ts';
import { gln } from './einvoice/test-documents.ts';
import { SEF_CACHE_DIR } from './einvoice/test-kit.ts';

/** A data directory whose e-invoice cache is the test kit's, so the app's validator compiles nothing. */
export function dataDirWithCompiledRules(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-einvoice-data-'));
  mkdirSync(SEF_CACHE_DIR, { recursive: true });
  mkdirSync(path.join(dir, 'cache'));
  symlinkSync(SEF_CACHE_DIR, path.join(dir, 'cache', 'einvoice'));
  return dir;
}

export type Api = ReturnType<typeof apiFor>;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function apiFor(app: () => FastifyInstance, member: Member) {
  async function call(method: Method, url: string, payload?: unknown) {
    const response = await app().inject({
      method,
      url: `/api/v1${url}`,
      payload: payload as object,
      headers: member.auth,
    });
    const json = response.headers['content-type']?.toString().includes('json');
    const body = response.body && json ? response.json() : response.body;
    return { status: response.statusCode, body, headers: response.headers };
  }
  const data = async (url: string) => (await call('GET', url)).body.data as Record<string, string>[];
  return {
    member,
    call,
    /** The company's taxes of a scope, by code. */
    async taxes(scope: 'sale' | 'purchase'): Promise<Record<string, string>> {
      return Object.fromEntries((await data(`/accounting/taxes?scope=${scope}`)).map((x) => [x.code, x.id]));
    },
    async accountId(code: string): Promise<string> {
      return (await data('/accounting/accounts')).find((a) => a.code === code)!.id!;
    },
  };
}

export const OUR_GLN = gln('376000012345');

/** A company with accounting set up and, unless `profile` is false, its own details as a seller. */
export async function companyApi(
  database: Database,
  app: () => FastifyInstance,
  profile = true,
): Promise<Api> {
  const api = apiFor(app, await createMember(database));
  const setup = await api.call('POST', '/accounting/setup', {
    template: 'generic',
    fiscalYearStart: '2026-01-01',
  });
  expect(setup.status).toBe(201);
  if (profile) {
    const updated = await api.call('PATCH', '/accounting/settings', {
      version: 1,
      legalName: 'Tandem Test SAS',
      vatId: 'FR40303265045',
      registrationId: '303265045',
      street: '10 Avenue des Champs',
      city: 'Lyon',
      postalCode: '69001',
      countryCode: 'FR',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      peppolEndpointId: OUR_GLN,
      peppolEndpointScheme: '0088',
    });
    expect(updated.status).toBe(200);
  }
  return api;
}

/** A percent tax by VAT category and rate, as a company sets one up for a supplier's country. */
export async function createTax(
  api: Api,
  scope: 'sale' | 'purchase',
  vatCategory: string,
  ratePercent: string,
  extra: object = {},
): Promise<string> {
  const exempt = ['E', 'AE', 'K', 'G', 'O'].includes(vatCategory);
  const created = await api.call('POST', '/accounting/taxes', {
    code: `${vatCategory}${ratePercent}-${scope}`.replace(/[^A-Za-z0-9_.-]/g, '_'),
    name: `${vatCategory} ${ratePercent} %`,
    scope,
    kind: 'percent',
    ratePercent,
    vatCategory,
    accountId: await api.accountId(scope === 'sale' ? '2100' : '1300'),
    ...(exempt ? { exemptionReason: `${vatCategory} supply` } : {}),
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}
