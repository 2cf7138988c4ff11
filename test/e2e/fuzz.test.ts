import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../support/app.ts';
import { databaseFingerprint } from '../support/counts.ts';

// Throws generated bad input at every write route in the OpenAPI document: wrong types, huge and
// odd strings, extreme numbers, missing and extra fields, bad ids. The server never answers 500,
// and a refused request writes nothing.

const t = useTestApp({ TANDEM_BODY_LIMIT_BYTES: '262144' });
let admin: Member;
let existingPartyId: string;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  $ref?: string;
  default?: unknown;
};
type Operation = { method: string; path: string; bodyFields: string[]; example: Record<string, unknown> };

// A plausible valid body from a JSON schema: every field, simplest values (booleans true, so that
// business rules such as "a customer, a supplier or both" pass and bad values reach the database).
function exampleOf(schema: Schema | undefined, resolve: (ref: string) => Schema | undefined): unknown {
  if (!schema) return {};
  if (schema.$ref) return exampleOf(resolve(schema.$ref), resolve);
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return exampleOf(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], resolve);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [key, exampleOf(property, resolve)]),
      );
    case 'string':
      return schema.format === 'email'
        ? 'someone@example.test'
        : schema.format === 'uuid'
          ? existingPartyId
          : 'Example';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return null;
  }
}
let operations: Operation[] = [];

beforeAll(async () => {
  admin = await createMember(t.database);
  const party = await t.app.inject({
    method: 'POST',
    url: '/api/v1/crm/parties',
    headers: admin.auth,
    payload: { kind: 'organisation', name: 'Fuzz Target', isCustomer: true },
  });
  existingPartyId = party.json().id;
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } }>
    >;
    components?: { schemas?: Record<string, Schema> };
  };
  const resolve = (ref: string) => document.components?.schemas?.[ref.split('/').at(-1)!];
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => {
        let schema = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
        if (schema?.$ref) schema = resolve(schema.$ref);
        const example = (exampleOf(schema, resolve) ?? {}) as Record<string, unknown>;
        return {
          method: method.toUpperCase(),
          path,
          bodyFields: Object.keys(schema?.properties ?? {}),
          example,
        };
      }),
  );
});

const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  {
    arbitrary: fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '\uD800',
      '‮evil',
      '💥'.repeat(1000),
      ' ',
      '',
      'x'.repeat(100_000),
    ),
    weight: 4,
  },
  fc.constantFrom("'; drop table crm_parties; --", '<script>alert(1)</script>', '%00', '../../etc/passwd'),
);
const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE),
);
const oddValue = fc.oneof(
  { arbitrary: oddString, weight: 4 },
  oddNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

function bodyFor(fields: string[], example: Record<string, unknown>) {
  const known =
    fields.length > 0
      ? fc.dictionary(fc.constantFrom(...fields), oddValue, { maxKeys: fields.length })
      : fc.constant({});
  // A valid body with one field spoiled, so bad values reach the service and the database.
  const spoiled =
    fields.length > 0
      ? fc
          .tuple(fc.constantFrom(...fields), oddValue)
          .map(([field, value]) => ({ ...example, [field]: value }))
      : fc.constant(example);
  return fc.oneof(
    spoiled,
    spoiled,
    known,
    fc
      .tuple(known, fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), oddValue, { maxKeys: 3 }))
      .map(([a, b]) => ({
        ...b,
        ...a,
      })),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

const idValue = () =>
  fc.oneof(
    fc.constant(existingPartyId),
    fc.uuid(),
    fc.constantFrom(
      'not-a-uuid',
      '0',
      '-1',
      '%2e%2e',
      'x'.repeat(300),
      '00000000-0000-0000-0000-000000000000',
    ),
  );

const EDGE_VALUES: unknown[] = [
  'a\u0000b',
  '\uD800x',
  '',
  ' ',
  'x'.repeat(100_000),
  '💥'.repeat(1000),
  -1,
  2 ** 53 + 1,
  1e308,
  1.5,
  true,
  null,
  [],
  {},
];

describe('fuzzed input to every write route', () => {
  let fingerprint: Awaited<ReturnType<typeof databaseFingerprint>>;

  // Sends one request; a 5xx fails the test, and a refusal must leave the database as it was.
  async function probe(operation: Operation, body: unknown, id: string) {
    const url = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
    const response = await t.app.inject({
      method: operation.method as 'POST',
      url,
      headers: { ...admin.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    if (response.statusCode >= 500) {
      throw new Error(
        `${operation.method} ${url} ${JSON.stringify(body).slice(0, 200)} answered ${response.statusCode}: ${response.body.slice(0, 300)}`,
      );
    }
    if (response.statusCode >= 400) {
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await databaseFingerprint(t.database)).toEqual(fingerprint);
    } else {
      fingerprint = await databaseFingerprint(t.database);
    }
  }

  it('edge values in each field of a valid body: never a 5xx, and a refusal writes nothing', {
    timeout: 600_000,
  }, async () => {
    fingerprint = await databaseFingerprint(t.database);
    for (const operation of operations) {
      for (const field of operation.bodyFields) {
        for (const value of EDGE_VALUES)
          await probe(operation, { ...operation.example, [field]: value }, existingPartyId);
      }
    }
  });

  it('generated bodies and ids: never a 5xx, and a refusal writes nothing', {
    timeout: 600_000,
  }, async () => {
    expect(operations.length).toBeGreaterThan(0);
    fingerprint = await databaseFingerprint(t.database);
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(bodyFor(operation.bodyFields, operation.example), idValue(), (body, id) =>
          probe(operation, body, id),
        ),
        { numRuns: 40, seed: 20261123 },
      );
    }
  });
});
