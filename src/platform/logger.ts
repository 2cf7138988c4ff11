import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** JSON lines for machines; readable lines when a person watches a terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  const pretty =
    process.env.TANDEM_LOG_FORMAT === 'pretty' ||
    (process.env.TANDEM_LOG_FORMAT !== 'json' && process.stdout.isTTY);
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}
