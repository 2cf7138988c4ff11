import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localSecretKey, parseSecretKeys, SecretBox } from './secret-box.ts';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('the secret box', () => {
  it('seals and opens, bound to its context, naming its key', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:user-1');
    expect(sealed).toMatch(/^v1:k1:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'totp:user-1').toString()).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'totp:user-2')).toThrow();
  });

  it('rotates: a new key seals, the old one still opens what it sealed', () => {
    const old = key('k1');
    const sealedBefore = new SecretBox([old]).seal('secret', 'c');
    const rotated = new SecretBox([key('k2'), old]);
    expect(rotated.open(sealedBefore, 'c').toString()).toBe('secret');
    expect(rotated.isStale(sealedBefore)).toBe(true);
    expect(rotated.seal('secret', 'c')).toMatch(/^v1:k2:/);
    expect(() => new SecretBox([key('k3')]).open(sealedBefore, 'c')).toThrow(/key k1/);
  });

  it('refuses a tampered ciphertext', () => {
    const box = new SecretBox([key('k1')]);
    const parts = box.seal('secret', 'c').split(':');
    parts[4] = Buffer.from('forged').toString('base64url');
    expect(() => box.open(parts.join(':'), 'c')).toThrow();
  });

  it('parses configured keys and refuses malformed ones', () => {
    const k = randomBytes(32).toString('base64');
    expect(parseSecretKeys(`new:${k}, old:${k}`).map((x) => x.id)).toEqual(['new', 'old']);
    expect(() => parseSecretKeys('nocolon')).toThrow();
    expect(() => parseSecretKeys(`short:${randomBytes(16).toString('base64')}`)).toThrow(/32/);
  });

  it('makes and keeps a local key for an embedded installation, readable by its owner only', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-key-'));
    const first = localSecretKey(dir);
    expect(localSecretKey(dir)).toEqual(first);
    expect(statSync(path.join(dir, 'secret-key')).mode & 0o777).toBe(0o600);
  });
});
