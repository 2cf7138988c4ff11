import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseSecretKeys, type SecretKey } from './secret-box.ts';

// Every setting Tandem reads from the environment, validated once at start.
// The README's configuration table is written from this schema; keep them together.
const booleanFlag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\/.+/.test(v), {
      message: 'must be a postgres:// or postgresql:// URL',
    })
    .refine((v) => v === undefined || v === '' || URL.canParse(v), { message: 'is not a valid URL' }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  TANDEM_DATA_DIR: z.string().min(1).default('./data'),
  TANDEM_DEMO: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TANDEM_CORS_ORIGINS: z.string().default(''),
  TANDEM_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(1200),
  TANDEM_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  TANDEM_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  TANDEM_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  TANDEM_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  TANDEM_TRUST_PROXY: booleanFlag.default(false),
  TANDEM_NATS_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^(nats|tls):\/\/.+/.test(v), {
      message: 'must be a nats:// URL',
    }),
  TANDEM_EVENTS_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  TANDEM_WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  TANDEM_EINVOICE_PEPPOL_RULES: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || existsSync(v), { message: 'names no file' }),
  TANDEM_SECRET_KEY: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      try {
        parseSecretKeys(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  TANDEM_SMTP_URL: z
    .string()
    .optional()
    .refine((v) => !v || (/^smtps?:\/\/.+/.test(v) && URL.canParse(v)), {
      message: 'must be an smtp:// or smtps:// URL',
    }),
  TANDEM_MAIL_FROM: z.string().min(3).max(320).default('Tandem <no-reply@localhost>'),
  TANDEM_PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => !v || (/^https?:\/\/.+/.test(v) && URL.canParse(v)), {
      message: 'must be an http(s) URL',
    }),
  TANDEM_OIDC_ISSUER: z
    .string()
    .optional()
    .refine((v) => !v || (/^https?:\/\/.+/.test(v) && URL.canParse(v)), {
      message: 'must be an http(s) URL',
    }),
  TANDEM_OIDC_CLIENT_ID: z.string().max(500).optional(),
  TANDEM_OIDC_CLIENT_SECRET: z.string().max(2000).optional(),
  TANDEM_AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(1000),
  TANDEM_TLS: z.enum(['off', 'self-signed']).default('off'),
  TANDEM_TLS_CERT: z
    .string()
    .optional()
    .refine((v) => !v || existsSync(v), { message: 'names no file' }),
  TANDEM_TLS_KEY: z
    .string()
    .optional()
    .refine((v) => !v || existsSync(v), { message: 'names no file' }),
});

export type Config = {
  port: number;
  host: string;
  /** Set when running on a PostgreSQL server; otherwise the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  demo: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  corsOrigins: string[];
  rateLimitMax: number;
  rateLimitWindowMs: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  /** When set, processes signal committed events to each other through NATS JetStream. */
  natsUrl: string | undefined;
  /** How often readers of the outbox look without being woken (the fallback for lost signals). */
  eventsPollMs: number;
  /** Webhook endpoints may point at loopback, private and link-local addresses (off: SSRF guard). */
  webhookAllowPrivate: boolean;
  /** SMTP server for invitations and password resets; unset means mail is logged, not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where people reach the app: the base of links in mail. */
  publicUrl: string;
  /** Single sign-on with an OpenID Connect provider; all three set, or none. */
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  /** Keys sealing secrets at rest, newest first; empty means the data dir's local key. */
  secretKeys: SecretKey[];
  /** How often the server chains new audit rows into the company hash chains. */
  auditSealIntervalMs: number;
  /** Peppol BIS Billing's compiled Schematron (PEPPOL-EN16931-UBL.xslt): e-invoices are checked against it too. */
  einvoicePeppolRules: string | undefined;
  /** Serve https: with a certificate and key from files, or one generated into the data dir. */
  tls: { kind: 'files'; certFile: string; keyFile: string } | { kind: 'self-signed' } | undefined;
};

export class ConfigError extends Error {}

function oidcOf(e: z.infer<typeof EnvSchema>): Config['oidc'] {
  const {
    TANDEM_OIDC_ISSUER: issuer,
    TANDEM_OIDC_CLIENT_ID: clientId,
    TANDEM_OIDC_CLIENT_SECRET: clientSecret,
  } = e;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      'invalid configuration: TANDEM_OIDC_ISSUER, TANDEM_OIDC_CLIENT_ID and TANDEM_OIDC_CLIENT_SECRET go together',
    );
  }
  return { issuer, clientId, clientSecret };
}

function tlsOf(e: z.infer<typeof EnvSchema>): Config['tls'] {
  const { TANDEM_TLS_CERT: certFile, TANDEM_TLS_KEY: keyFile } = e;
  if (!certFile !== !keyFile)
    throw new ConfigError('invalid configuration: TANDEM_TLS_CERT and TANDEM_TLS_KEY go together');
  if (certFile && keyFile) {
    if (e.TANDEM_TLS === 'self-signed')
      throw new ConfigError('invalid configuration: TANDEM_TLS=self-signed or a certificate, not both');
    return { kind: 'files', certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
  }
  return e.TANDEM_TLS === 'self-signed' ? { kind: 'self-signed' } : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const e = parsed.data;
  const tls = tlsOf(e);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ? e.DATABASE_URL : undefined,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir: path.resolve(e.TANDEM_DATA_DIR),
    einvoicePeppolRules: e.TANDEM_EINVOICE_PEPPOL_RULES
      ? path.resolve(e.TANDEM_EINVOICE_PEPPOL_RULES)
      : undefined,
    demo: e.TANDEM_DEMO,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.TANDEM_CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimitMax: e.TANDEM_RATE_LIMIT_MAX,
    rateLimitWindowMs: e.TANDEM_RATE_LIMIT_WINDOW_MS,
    bodyLimitBytes: e.TANDEM_BODY_LIMIT_BYTES,
    uploadLimitBytes: e.TANDEM_UPLOAD_LIMIT_BYTES,
    shutdownTimeoutMs: e.TANDEM_SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TANDEM_TRUST_PROXY,
    natsUrl: e.TANDEM_NATS_URL ? e.TANDEM_NATS_URL : undefined,
    eventsPollMs: e.TANDEM_EVENTS_POLL_MS,
    webhookAllowPrivate: e.TANDEM_WEBHOOK_ALLOW_PRIVATE,
    auditSealIntervalMs: e.TANDEM_AUDIT_SEAL_INTERVAL_MS,
    secretKeys: parseSecretKeys(e.TANDEM_SECRET_KEY),
    smtpUrl: e.TANDEM_SMTP_URL || undefined,
    oidc: oidcOf(e),
    tls,
    mailFrom: e.TANDEM_MAIL_FROM,
    publicUrl: (e.TANDEM_PUBLIC_URL || `${tls ? 'https' : 'http'}://localhost:${e.PORT}`).replace(/\/+$/, ''),
  };
}
