import type { FastifyInstance } from 'fastify';
import { can } from '../rbac/permissions.ts';

// Field rules: a route names the sensitive fields of its answer and the permission that reveals
// each; for a caller without it they are masked, in single records and in pages (`data: [...]`)
// alike, so no handler can forget. Masked strings keep their last two characters (enough to tell
// two records apart), other values become null.

export const MASK = '•••';

export function maskValue(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') return value.length > 4 ? `${MASK}${value.slice(-2)}` : MASK;
  return null;
}

function maskRecord(record: unknown, hidden: string[]): unknown {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
  const copy = { ...(record as Record<string, unknown>) };
  for (const field of hidden) if (field in copy) copy[field] = maskValue(copy[field]);
  return copy;
}

export function registerFieldRules(app: FastifyInstance) {
  app.addHook('preSerialization', async (request, reply, payload) => {
    const rules = request.routeOptions.config?.fieldRules;
    if (!rules || !request.principal || reply.statusCode >= 300) return payload;
    const principal = request.principal;
    const hidden = Object.entries(rules)
      .filter(([, permission]) => !can(principal, permission))
      .map(([field]) => field);
    if (hidden.length === 0) return payload;
    const page = payload as { data?: unknown };
    if (page && typeof page === 'object' && Array.isArray(page.data)) {
      return { ...page, data: page.data.map((item) => maskRecord(item, hidden)) };
    }
    return maskRecord(payload, hidden);
  });
}
