import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assert } from './assert.ts';

// Secrets at rest (TOTP seeds, later webhook and OIDC client secrets) are sealed with AES-256-GCM
// under a key from TANDEM_SECRET_KEY. Each ciphertext names its key id, so keys rotate: put the
// new key first (it seals from then on) and keep the old ones after it (they still open).

export type SecretKey = { id: string; key: Buffer };
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const VERSION = 'v1';

/** Parses `id:base64key[,id:base64key…]`; every key is 32 random bytes. */
export function parseSecretKeys(value: string): SecretKey[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, encoded, ...rest] = entry.split(':');
      if (!id || !KEY_ID.test(id) || !encoded || rest.length > 0) {
        throw new Error('each key is `id:base64` (id of letters, digits, _ or -)');
      }
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32)
        throw new Error(`key ${id} is ${key.length} bytes; it must be 32 (openssl rand -base64 32)`);
      return { id, key };
    });
}

export function formatSecretKey(key: SecretKey): string {
  return `${key.id}:${key.key.toString('base64')}`;
}

/**
 * The key of an embedded installation with none configured: made once, kept in the data dir
 * (readable by its owner only). Several servers on one PostgreSQL must share a configured key.
 */
export function localSecretKey(dataDir: string): SecretKey[] {
  const file = path.join(dataDir, 'secret-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const key = { id: `local${Date.now().toString(36)}`, key: randomBytes(32) };
    writeFileSync(file, `${formatSecretKey(key)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parseSecretKeys(readFileSync(file, 'utf8'));
}

export class SecretBox {
  private readonly byId: Map<string, Buffer>;
  constructor(private readonly keys: SecretKey[]) {
    assert(keys.length > 0, 'a secret box needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** `v1:<key id>:<iv>:<tag>:<ciphertext>`, base64url parts; `context` binds it to its use. */
  seal(plaintext: Buffer | string, context: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [VERSION, id, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join(':');
  }

  open(sealed: string, context: string): Buffer {
    const [version, id, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !id || !iv || !tag || body === undefined)
      throw new Error('not a sealed secret');
    const key = this.byId.get(id);
    if (!key) throw new Error(`the secret was sealed with key ${id}, which is no longer configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }

  /** True when `sealed` is under an older key and should be sealed again. */
  isStale(sealed: string): boolean {
    return sealed.split(':')[1] !== this.keys[0]!.id;
  }
}
