import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.ts';
import { selfSignedCertificate } from './self-signed.ts';

export type TlsFiles = { cert: string; key: string };

// Renewed a month before it runs out, so a till never meets an expired certificate mid-shift.
const RENEW_BEFORE_MS = 30 * 86_400_000;

function stillGood(certPem: string, now: Date): boolean {
  try {
    return new Date(new X509Certificate(certPem).validTo).getTime() - now.getTime() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

/**
 * The self-signed certificate kept in the data dir (tls/), made on first use and when it nears its
 * end: kept, so a browser told to trust it once goes on trusting it across restarts.
 */
export function selfSignedInDataDir(dataDir: string, publicUrl: string, now = new Date()): TlsFiles {
  const dir = path.join(dataDir, 'tls');
  const certFile = path.join(dir, 'self-signed-cert.pem');
  const keyFile = path.join(dir, 'self-signed-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    if (stillGood(cert, now)) return { cert, key: readFileSync(keyFile, 'utf8') };
  }
  const names = new Set(['localhost', '127.0.0.1', '::1', os.hostname(), new URL(publicUrl).hostname]);
  const made = selfSignedCertificate([...names].filter(Boolean), now);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, made.key, { mode: 0o600 });
  writeFileSync(certFile, made.cert);
  return made;
}

/** The certificate and key to serve https with, or undefined for plain http. */
export function tlsFiles(config: Pick<Config, 'tls' | 'dataDir' | 'publicUrl'>): TlsFiles | undefined {
  if (!config.tls) return undefined;
  if (config.tls.kind === 'self-signed') return selfSignedInDataDir(config.dataDir, config.publicUrl);
  return { cert: readFileSync(config.tls.certFile, 'utf8'), key: readFileSync(config.tls.keyFile, 'utf8') };
}
