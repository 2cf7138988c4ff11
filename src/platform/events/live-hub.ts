import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, queryRows } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { OUTBOX_COLUMNS, type OutboxRow, toDeliveredEvent } from './outbox-row.ts';
import type { DeliveredEvent } from './registry.ts';

type Position = { txid: number; seq: number };

export type LiveClient = {
  companyId: string;
  /** Whether this client may see events of this aggregate type (its role's read permission). */
  canSee(event: DeliveredEvent): boolean;
  send(event: DeliveredEvent): void;
};

const after = (a: Position, b: Position) => a.txid > b.txid || (a.txid === b.txid && a.seq > b.seq);

// Events of transactions older than every running one are final: nothing can appear before them.
const FINAL = sql`txid < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/**
 * This process's live view of the outbox, for Server-Sent Event streams. Every process tails the
 * outbox itself (the outbox is the truth; NOTIFY or NATS only say "read now"), so a write on any
 * process reaches the streams of every process.
 */
export class LiveHub {
  private readonly clients = new Set<LiveClient>();
  private cursor: Position | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: { pollMs?: number; batchSize?: number; logger?: Logger | undefined } = {},
  ) {}

  async start(): Promise<void> {
    const [last] = await withSystemTx(this.database, (db) =>
      queryRows<Position>(
        db,
        sql`select txid, seq from event_outbox where ${FINAL} order by txid desc, seq desc limit 1`,
      ),
    );
    this.cursor = last ?? { txid: 0, seq: 0 };
    this.timer = setInterval(() => {
      if (this.clients.size > 0) this.wake();
    }, this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.clients.clear();
    await this.reading;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Adds a client; with `lastEventId` it first gets the company's events it missed after that one
   * (at most `replayLimit`), then live ones, without gaps or repeats.
   */
  async connect(client: LiveClient, lastEventId?: string, replayLimit = 1000): Promise<() => void> {
    const buffered: { position: Position; event: DeliveredEvent }[] = [];
    let replaying = lastEventId !== undefined;
    const gate: LiveClient = {
      companyId: client.companyId,
      canSee: client.canSee,
      send: (event) => {
        if (replaying) buffered.push({ position: positionOf(event), event });
        else client.send(event);
      },
    };
    this.clients.add(gate);
    if (lastEventId !== undefined) {
      const replayed = await this.replay(client, lastEventId, replayLimit);
      for (const item of buffered) if (!replayed || after(item.position, replayed)) client.send(item.event);
      replaying = false;
    }
    return () => this.clients.delete(gate);
  }

  /** Reads what committed since the last read and hands it to the connected clients. */
  wake(): void {
    if (!this.cursor) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          await this.readNew();
        } catch (error) {
          this.options.logger?.warn({ err: error }, 'live stream read failed; will try again');
        }
      } while (this.again);
    })().finally(() => {
      this.reading = undefined;
    });
  }

  /** Waits until everything committed so far has been handed out (for tests). */
  async settle(): Promise<void> {
    this.wake();
    await this.reading;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const cursor = this.cursor!;
      const rows = await withSystemTx(this.database, (db) =>
        queryRows<OutboxRow>(
          db,
          sql`select ${OUTBOX_COLUMNS} from event_outbox
               where (txid, seq) > (${cursor.txid}, ${cursor.seq}) and ${FINAL}
               order by txid, seq limit ${this.options.batchSize ?? 500}`,
        ),
      );
      if (rows.length === 0) return;
      const last = rows.at(-1)!;
      this.cursor = { txid: last.txid, seq: last.seq };
      for (const row of rows) {
        const event = withPosition(toDeliveredEvent(row), row);
        for (const client of this.clients) {
          if (client.companyId === row.company_id && client.canSee(event)) client.send(event);
        }
      }
    }
  }

  private async replay(
    client: LiveClient,
    lastEventId: string,
    limit: number,
  ): Promise<Position | undefined> {
    return withSystemTx(this.database, async (db) => {
      const [from] = await queryRows<Position>(
        db,
        sql`select txid, seq from event_outbox where company_id = ${client.companyId} and id = ${lastEventId}`,
      );
      if (!from) return undefined;
      const upTo = this.cursor!;
      const rows = await queryRows<OutboxRow>(
        db,
        sql`select ${OUTBOX_COLUMNS} from event_outbox
             where company_id = ${client.companyId}
               and (txid, seq) > (${from.txid}, ${from.seq}) and (txid, seq) <= (${upTo.txid}, ${upTo.seq})
             order by txid, seq limit ${limit}`,
      );
      for (const row of rows) {
        const event = withPosition(toDeliveredEvent(row), row);
        if (client.canSee(event)) client.send(event);
      }
      const last = rows.at(-1);
      return last ? { txid: last.txid, seq: last.seq } : from;
    });
  }
}

// The outbox position rides along (non-enumerable) so replay and live can be stitched together.
const POSITION = Symbol('position');

function withPosition(event: DeliveredEvent, row: Position): DeliveredEvent {
  Object.defineProperty(event, POSITION, { value: { txid: row.txid, seq: row.seq }, enumerable: false });
  return event;
}

function positionOf(event: DeliveredEvent): Position {
  return (event as DeliveredEvent & { [POSITION]: Position })[POSITION];
}
