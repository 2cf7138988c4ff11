import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { keysetPage, type Page } from '../http/pagination.ts';
import { auditLog } from './schema.ts';

export type AuditEntry = {
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: unknown;
  requestId: string | null;
  sourceIp: string | null;
  sealSeq: number | null;
  hash: string | null;
};

export type AuditQuery = {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  actorId?: string | undefined;
  actorType?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

type Row = typeof auditLog.$inferSelect;

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    changes: row.changes,
    requestId: row.requestId,
    sourceIp: row.sourceIp,
    sealSeq: row.sealSeq,
    hash: row.hash,
  };
}

/** One page of the company's audit trail, filtered by who, what and when (`to` is exclusive). */
export async function searchAuditLog(
  db: Executor,
  companyId: string,
  query: AuditQuery,
): Promise<Page<AuditEntry>> {
  const paging = keysetPage<Row>(
    query,
    { occurredAt: auditLog.occurredAt },
    auditLog.id,
    (row) => row.occurredAt,
    (row) => row.id,
  );
  const filters: (SQL | undefined)[] = [
    eq(auditLog.companyId, companyId),
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.actorType ? eq(auditLog.actorType, query.actorType) : undefined,
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.occurredAt, new Date(query.from)) : undefined,
    query.to ? lt(auditLog.occurredAt, new Date(query.to)) : undefined,
    paging.where,
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  return { data: page.data.map(toEntry), page: page.page };
}

const CSV_COLUMNS: (keyof AuditEntry)[] = [
  'occurredAt',
  'actorType',
  'actorId',
  'entity',
  'entityId',
  'action',
  'changes',
  'requestId',
  'sourceIp',
  'id',
  'sealSeq',
  'hash',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsv(entries: AuditEntry[], header = true): string {
  const lines = entries.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
  return `${header ? `${CSV_COLUMNS.join(',')}\r\n` : ''}${lines.map((l) => `${l}\r\n`).join('')}`;
}
