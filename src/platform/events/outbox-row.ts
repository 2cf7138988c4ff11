import { sql } from 'drizzle-orm';
import { toDate } from '../db/database.ts';
import type { DeliveredEvent } from './registry.ts';

/** An outbox row as raw queries read it (the dispatcher and the live streams). */
export type OutboxRow = {
  company_id: string;
  id: string;
  type: string;
  type_version: number;
  aggregate_type: string;
  aggregate_id: string;
  payload: unknown;
  request_id: string | null;
  created_at: Date | string;
  txid: number;
  seq: number;
};

export const OUTBOX_COLUMNS = sql`company_id, id, type, type_version, aggregate_type, aggregate_id, payload, request_id, created_at, txid, seq`;

export function toDeliveredEvent(row: OutboxRow): DeliveredEvent {
  return {
    id: row.id,
    companyId: row.company_id,
    type: row.type,
    typeVersion: row.type_version,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: row.payload,
    requestId: row.request_id,
    createdAt: toDate(row.created_at).toISOString(),
  };
}
