import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { migrationStatus, readMigrations } from '../db/migrate.ts';
import { withSystemTx } from '../db/tx.ts';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), detail: z.string().optional() });

export function registerHealth(app: FastifyInstance, database: Database) {
  const migrations = readMigrations();
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['platform'], summary: 'The process is alive', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'The database answers and every migration is applied',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      try {
        const status = await withSystemTx(database, async (db) => {
          await db.execute(sql`select 1`);
          return migrationStatus(db, migrations);
        });
        if (status.pending.length > 0) {
          return reply
            .code(503)
            .send({ status: 'unavailable', detail: `pending migrations: ${status.pending.join(', ')}` });
        }
        return { status: 'ok' as const };
      } catch (error) {
        return reply
          .code(503)
          .send({ status: 'unavailable', detail: `database: ${(error as Error).message}` });
      }
    },
  );
}
