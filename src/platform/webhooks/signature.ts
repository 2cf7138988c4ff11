import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { assert } from '../assert.ts';
import { WebhookErrors } from './errors.ts';

// Standard Webhooks (https://www.standardwebhooks.com): the receiver checks
// `v1,base64(HMAC-SHA256(key, "${id}.${timestamp}.${body}"))` against one of the signatures in
// `webhook-signature`. A secret is `whsec_` + base64 of the key bytes.

export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
// The spec asks for keys of 24 to 64 bytes; shorter is guessable, longer is a pasting accident.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
// More than a handful of signatures means a confused or hostile sender; rotation needs two.
const MAX_SIGNATURES = 16;
const MAX_ID_LENGTH = 256;

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** Throws `webhook.secret_invalid` unless the secret is `whsec_` + base64 of 24 to 64 bytes. */
export function decodeWebhookSecret(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : undefined;
  // Buffer.from(…, 'base64') skips bad characters silently, so check the alphabet first.
  if (encoded === undefined || encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw WebhookErrors.secret_invalid(`a webhook secret is "${SECRET_PREFIX}" followed by base64`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw WebhookErrors.secret_invalid(
      `a webhook key is ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes, not ${key.length}`,
    );
  }
  return key;
}

function signatureOf(key: Buffer, id: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
}

/**
 * Signs one delivery. Every secret signs, so during a rotation the old and the new secret both
 * produce a `v1,` entry and a receiver that knows either one accepts the message. `body` must be
 * exactly the bytes that are sent.
 */
export function signWebhook(input: {
  id: string;
  timestampSeconds: number;
  body: string;
  secrets: readonly string[];
}): WebhookHeaders {
  const { id, timestampSeconds, body, secrets } = input;
  assert(
    /^[\x21-\x7e]+$/.test(id) && id.length <= MAX_ID_LENGTH,
    `webhook id ${JSON.stringify(id)} is not valid`,
  );
  assert(
    Number.isSafeInteger(timestampSeconds) && timestampSeconds >= 0,
    'webhook timestamp is whole seconds',
  );
  assert(secrets.length > 0 && secrets.length <= MAX_SIGNATURES, 'a webhook is signed with 1 to 16 secrets');
  const signatures = secrets.map(
    (secret) => `v1,${signatureOf(decodeWebhookSecret(secret), id, timestampSeconds, body)}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}

type IncomingHeaders = Record<string, string | readonly string[] | undefined>;

function headerOf(headers: IncomingHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // The length of a signature is public (always 44 base64 characters), so this leaks nothing.
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a received webhook against any of the receiver's secrets. Throws a `webhook.*` AppError
 * when headers are missing, the timestamp is more than `toleranceSeconds` away from now (replay
 * protection), or no `v1` signature matches. Returns the message id, for de-duplication.
 */
export function verifyWebhook(input: {
  headers: IncomingHeaders;
  body: string;
  secrets: readonly string[];
  toleranceSeconds?: number;
  nowSeconds?: number;
}): { id: string; timestampSeconds: number } {
  const { headers, body, secrets, toleranceSeconds = 300 } = input;
  const nowSeconds = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const id = headerOf(headers, 'webhook-id');
  const timestamp = headerOf(headers, 'webhook-timestamp');
  const signatureHeader = headerOf(headers, 'webhook-signature');
  if (!id || !timestamp || !signatureHeader) {
    throw WebhookErrors.signature_headers_missing(
      'expected webhook-id, webhook-timestamp and webhook-signature',
    );
  }
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw WebhookErrors.timestamp_invalid('webhook-timestamp must be whole Unix seconds');
  }
  const timestampSeconds = Number(timestamp);
  if (nowSeconds - timestampSeconds > toleranceSeconds) {
    throw WebhookErrors.timestamp_out_of_tolerance(`the message is ${nowSeconds - timestampSeconds} s old`);
  }
  if (timestampSeconds - nowSeconds > toleranceSeconds) {
    throw WebhookErrors.timestamp_out_of_tolerance(
      `the message is ${timestampSeconds - nowSeconds} s in the future`,
    );
  }
  const received = signatureHeader
    .split(' ')
    .slice(0, MAX_SIGNATURES)
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice(3));
  const expected = secrets.map((secret) =>
    signatureOf(decodeWebhookSecret(secret), id, timestampSeconds, body),
  );
  // Compare every pair without stopping early, so timing does not reveal which secret matched.
  let matched = false;
  for (const candidate of received) {
    for (const signature of expected) matched = constantTimeEqual(candidate, signature) || matched;
  }
  if (!matched) throw WebhookErrors.signature_mismatch();
  return { id, timestampSeconds };
}
