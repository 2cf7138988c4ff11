import { createHash } from 'node:crypto';

// The sealed content of an audit row, written the same way by the sealer and by verify: JSON
// with object keys sorted at every depth, so the bytes depend only on the values.

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The first link's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

export type SealableRow = {
  companyId: string;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: unknown;
  requestId: string | null;
  sourceIp: string | null;
};

/** hash = sha256(previous_hash || canonical row content), the content including its place in the chain. */
export function linkHash(previousHash: string, row: SealableRow, sealSeq: number): string {
  const content = canonicalJson({
    companyId: row.companyId,
    id: row.id,
    sealSeq,
    occurredAt: row.occurredAt,
    actorType: row.actorType,
    actorId: row.actorId,
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    changes: row.changes,
    requestId: row.requestId,
    sourceIp: row.sourceIp,
  });
  return createHash('sha256').update(previousHash).update(content).digest('hex');
}
