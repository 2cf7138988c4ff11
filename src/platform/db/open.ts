import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { type Database, openPglite, openPostgres } from './database.ts';

export class StartupError extends Error {}

export type OpenedDatabase = { database: Database; describe: string; close(): Promise<void> };

function describeUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL at ${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data dir. */
export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const describe = describeUrl(config.databaseUrl);
    try {
      const database = await openPostgres(config.databaseUrl, { poolMax: config.databasePoolMax });
      return { database, describe, close: () => database.close() };
    } catch (error) {
      throw new StartupError(`cannot connect to ${describe}: ${(error as Error).message}`);
    }
  }
  const dir = config.dataDir;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new StartupError(`the data directory ${dir} is not writable: ${(error as Error).message}`);
  }
  const unlock = lockDataDir(dir);
  try {
    const database = await openPglite({ dataDir: path.join(dir, 'pglite') });
    return {
      database,
      describe: `embedded PGlite in ${dir}`,
      close: async () => {
        try {
          await database.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw new StartupError(`cannot open the embedded database in ${dir}: ${(error as Error).message}`);
  }
}
