import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { decodeWebhookSecret, generateWebhookSecret, signWebhook, verifyWebhook } from './signature.ts';

// The test vector published with the Standard Webhooks reference libraries.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestampSeconds: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('signWebhook', () => {
  it('reproduces the signature of the Standard Webhooks test vector', () => {
    const headers = signWebhook({ ...SPEC, secrets: [SPEC.secret] });
    expect(headers).toEqual({
      'webhook-id': SPEC.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': SPEC.signature,
    });
  });

  it('is accepted by the independent standardwebhooks library', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({
      type: 'sales.order.confirmed',
      data: { total_minor: 1250, note: 'café ☕' },
    });
    const headers = signWebhook({ id: 'evt_01', timestampSeconds: nowSeconds(), body, secrets: [secret] });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with every secret during a rotation, so a receiver that knows only one accepts it', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const body = '{"rotation":true}';
    const headers = signWebhook({
      id: 'evt_02',
      timestampSeconds: nowSeconds(),
      body,
      secrets: [oldSecret, newSecret],
    });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(newSecret).verify(body, headers)).toEqual({ rotation: true });
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual({ rotation: true });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow('No matching signature');
  });

  it('produces a signature the library rejects once the body is altered', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook({
      id: 'evt_03',
      timestampSeconds: nowSeconds(),
      body: '{"a":1}',
      secrets: [secret],
    });
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow('No matching signature');
  });

  it('refuses to sign without a secret or with a malformed id', () => {
    expect(() => signWebhook({ id: 'evt', timestampSeconds: 1, body: '', secrets: [] })).toThrow(/1 to 16/);
    const secrets = [generateWebhookSecret()];
    expect(() => signWebhook({ id: 'evt 1', timestampSeconds: 1, body: '', secrets })).toThrow(/id/);
    expect(() => signWebhook({ id: 'evt', timestampSeconds: 1.5, body: '', secrets })).toThrow(/seconds/);
  });
});

describe('generateWebhookSecret', () => {
  it('makes distinct whsec_ secrets of 32 random bytes', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(decodeWebhookSecret(secret)).toHaveLength(32);
    }
  });

  it('rejects secrets without the prefix, with bad base64, or with a key that is too short', () => {
    for (const secret of [
      'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'whsec_',
      'whsec_not*base64*at*all!',
      'whsec_c2hvcnQ=',
    ]) {
      expect(
        codeOf(() => decodeWebhookSecret(secret)),
        secret,
      ).toBe('webhook.secret_invalid');
    }
  });
});

describe('verifyWebhook', () => {
  const at = SPEC.timestampSeconds;
  const specHeaders = {
    'webhook-id': SPEC.id,
    'webhook-timestamp': String(at),
    'webhook-signature': SPEC.signature,
  };
  const verifySpec = (overrides: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
    verifyWebhook({
      headers: specHeaders,
      body: SPEC.body,
      secrets: [SPEC.secret],
      nowSeconds: at,
      ...overrides,
    });

  it('accepts the test vector and returns the message id', () => {
    expect(verifySpec()).toEqual({ id: SPEC.id, timestampSeconds: at });
  });

  it('accepts signatures made by the standardwebhooks library, with headers in any case', () => {
    const secret = generateWebhookSecret();
    const body = '{"from":"library"}';
    const signature = new Webhook(secret).sign('msg_1', new Date(at * 1000), body);
    const headers = {
      'Webhook-Id': 'msg_1',
      'WEBHOOK-TIMESTAMP': String(at),
      'webhook-signature': signature,
    };
    expect(verifyWebhook({ headers, body, secrets: [secret], nowSeconds: at }).id).toBe('msg_1');
  });

  it('finds the matching entry among several signatures and versions', () => {
    const signature = `v1a,abc v1,${'A'.repeat(43)}= ${SPEC.signature}`;
    expect(verifySpec({ headers: { ...specHeaders, 'webhook-signature': signature } }).id).toBe(SPEC.id);
  });

  it('accepts when either the old or the new secret of the receiver matches', () => {
    expect(verifySpec({ secrets: [generateWebhookSecret(), SPEC.secret] }).id).toBe(SPEC.id);
  });

  it('accepts timestamps exactly at the tolerance and refuses one second beyond, in both directions', () => {
    expect(verifySpec({ nowSeconds: at + 300 }).id).toBe(SPEC.id);
    expect(verifySpec({ nowSeconds: at - 300 }).id).toBe(SPEC.id);
    expect(codeOf(() => verifySpec({ nowSeconds: at + 301 }))).toBe('webhook.timestamp_out_of_tolerance');
    expect(codeOf(() => verifySpec({ nowSeconds: at - 301 }))).toBe('webhook.timestamp_out_of_tolerance');
    expect(codeOf(() => verifySpec({ nowSeconds: at + 20, toleranceSeconds: 10 }))).toBe(
      'webhook.timestamp_out_of_tolerance',
    );
  });

  it('refuses a stale message by the real clock when no time is given', () => {
    const verifyNow = () => verifyWebhook({ headers: specHeaders, body: SPEC.body, secrets: [SPEC.secret] });
    expect(codeOf(verifyNow)).toBe('webhook.timestamp_out_of_tolerance');
  });

  const refusals: [string, Partial<Parameters<typeof verifyWebhook>[0]>, string][] = [
    ['a changed body', { body: '{"test": 2432232315}' }, 'webhook.signature_mismatch'],
    ['a different secret', { secrets: [generateWebhookSecret()] }, 'webhook.signature_mismatch'],
    [
      'a changed id',
      { headers: { ...specHeaders, 'webhook-id': 'msg_other' } },
      'webhook.signature_mismatch',
    ],
    [
      'a signature of another version',
      { headers: { ...specHeaders, 'webhook-signature': SPEC.signature.replace('v1,', 'v2,') } },
      'webhook.signature_mismatch',
    ],
    [
      'a truncated signature',
      { headers: { ...specHeaders, 'webhook-signature': SPEC.signature.slice(0, -2) } },
      'webhook.signature_mismatch',
    ],
    [
      'a missing signature header',
      { headers: { 'webhook-id': SPEC.id, 'webhook-timestamp': String(at) } },
      'webhook.signature_headers_missing',
    ],
    [
      'a changed timestamp',
      { headers: { ...specHeaders, 'webhook-timestamp': String(at + 1) } },
      'webhook.signature_mismatch',
    ],
    [
      'a non-numeric timestamp',
      { headers: { ...specHeaders, 'webhook-timestamp': '1614265330.5' } },
      'webhook.timestamp_invalid',
    ],
  ];
  it.each(refusals)('refuses %s', (_name, overrides, code) => {
    expect(codeOf(() => verifySpec(overrides))).toBe(code);
  });
});
