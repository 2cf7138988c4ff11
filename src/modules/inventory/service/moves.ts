import { Decimal } from 'decimal.js';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { companyCurrency } from '../../../platform/auth/companies.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { escapeLike } from '../../../platform/db/like.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { type StockItem, variantsForStock } from '../../catalog/index.ts';
import type { Move, MoveInput } from '../contracts.ts';
import { InventoryErrors } from '../errors.ts';
import { MovePosted } from '../events.ts';
import { inventoryMoves, inventoryStock } from '../schema.ts';
import { receiptCost, valuationDirection } from '../valuation/move-kind.ts';
import { valueMoves } from '../valuation/value-moves.ts';
import { type LocationInfo, loadLocations } from './locations.ts';

type MoveRow = typeof inventoryMoves.$inferSelect;

export const toMove = (r: MoveRow): Move => ({
  id: r.id,
  variantId: r.variantId,
  fromLocationId: r.fromLocationId,
  toLocationId: r.toLocationId,
  quantity: new Decimal(r.quantity).toString(),
  reason: r.reason,
  referenceType: r.referenceType,
  referenceId: r.referenceId,
  reversesMoveId: r.reversesMoveId,
  forcedNegative: r.forcedNegative,
  unitCost: r.unitCost === null ? null : new Decimal(r.unitCost).toFixed(),
  costSource: r.costSource,
  note: r.note,
  postedAt: r.postedAt.toISOString(),
});

export type PostMovesOptions = {
  /** Record what already happened: never refused for stock, flagged when it goes below zero. */
  recordOnly?: boolean;
  /** Makes the whole posting idempotent for ever (e.g. an offline till's sale id). */
  idempotencyKey?: string;
  reversesMoveId?: string;
};

type Delta = { variantId: string; location: LocationInfo; quantity: Decimal };
type Resolved = {
  items: Map<string, StockItem>;
  locations: Map<string, LocationInfo>;
  currency: string | null;
};

/**
 * Posts moves to the stock ledger and updates on-hand in the same transaction. Stock leaving an
 * internal location is taken with one conditional UPDATE per item and location, in a fixed order,
 * so concurrent sales of the last units cannot oversell or deadlock. Moves into or out of the
 * company's stock are valued in the same transaction (valuation/value-moves.ts). Returns the
 * posted moves (or, for a repeated idempotency key, the moves posted the first time).
 */
export async function postMoves(tx: Tx, moves: MoveInput[], options: PostMovesOptions = {}): Promise<Move[]> {
  const companyId = tx.ctx.companyId;
  if (options.idempotencyKey) {
    const earlier = await tx.db
      .select()
      .from(inventoryMoves)
      .where(
        and(
          eq(inventoryMoves.companyId, companyId),
          like(inventoryMoves.idempotencyKey, `${escapeLike(options.idempotencyKey)}#%`),
        ),
      )
      .orderBy(asc(inventoryMoves.idempotencyKey));
    if (earlier.length > 0) return earlier.map(toMove);
  }
  const resolved = await resolveMoves(tx, moves, options);
  const forced = await applyStock(tx, moves, resolved, options);
  const inserted = await insertMoves(tx, moves, resolved, forced, options);
  const { items, locations } = resolved;
  for (const row of inserted) {
    const from = locations.get(row.fromLocationId)!;
    const to = locations.get(row.toLocationId)!;
    tx.audit('inventory.move', row.id, 'post', {
      quantity: { old: null, new: row.quantity },
      from: { old: null, new: row.fromLocationId },
      to: { old: null, new: row.toLocationId },
    });
    await tx.emit(MovePosted, row.variantId, {
      moveId: row.id,
      variantId: row.variantId,
      quantity: new Decimal(row.quantity).toString(),
      from: { locationId: from.id, kind: from.kind, warehouseId: from.warehouseId },
      to: { locationId: to.id, kind: to.kind, warehouseId: to.warehouseId },
      reason: row.reason,
      referenceType: row.referenceType,
      referenceId: row.referenceId,
      reversesMoveId: row.reversesMoveId,
      forcedNegative: row.forcedNegative,
    });
  }
  if (resolved.currency) {
    const toValue = inserted.map((row) => ({
      row,
      from: locations.get(row.fromLocationId)!,
      to: locations.get(row.toLocationId)!,
      item: items.get(row.variantId)!,
    }));
    await valueMoves(tx, toValue, resolved.currency);
  }
  return inserted.map(toMove);
}

/** Loads the moves' items and locations, refusing unknown ones, services and misplaced unit costs. */
async function resolveMoves(tx: Tx, moves: MoveInput[], options: PostMovesOptions): Promise<Resolved> {
  const companyId = tx.ctx.companyId;
  const items = await variantsForStock(tx.db, companyId, [...new Set(moves.map((m) => m.variantId))]);
  const locations = new Map(
    (
      await loadLocations(tx.db, companyId, [
        ...new Set(moves.flatMap((m) => [m.fromLocationId, m.toLocationId])),
      ])
    ).map((l) => [l.id, l]),
  );
  let moneyMoves = false;
  for (const [i, move] of moves.entries()) {
    const item = items.get(move.variantId);
    if (!item) throw InventoryErrors.variant_not_found(`moves.${i}: no variant has the id ${move.variantId}`);
    if (item.kind === 'service')
      throw InventoryErrors.not_stocked(`moves.${i}: ${move.variantId} is a service`);
    const from = locations.get(move.fromLocationId);
    const to = locations.get(move.toLocationId);
    if (!from)
      throw InventoryErrors.location_not_found(`moves.${i}: no location has the id ${move.fromLocationId}`);
    if (!to)
      throw InventoryErrors.location_not_found(`moves.${i}: no location has the id ${move.toLocationId}`);
    const direction = valuationDirection(from.kind, to.kind);
    if (move.unitCost != null && (direction !== 'in' || options.reversesMoveId)) {
      throw InventoryErrors.unit_cost_not_applicable(
        `moves.${i}: a ${from.kind} → ${to.kind} move has no unit cost`,
        [{ path: `moves.${i}.unitCost`, message: 'only a receipt into stock has a unit cost' }],
      );
    }
    if (direction) moneyMoves = true;
  }
  const currency = moneyMoves ? await companyCurrency(tx.db, companyId) : null;
  return { items, locations, currency };
}

/** Nets the moves per item and internal location and applies them; returns the items forced below zero. */
async function applyStock(
  tx: Tx,
  moves: MoveInput[],
  { items, locations }: Resolved,
  options: PostMovesOptions,
): Promise<Set<string>> {
  const deltas = new Map<string, Delta>();
  const addDelta = (variantId: string, location: LocationInfo, quantity: Decimal) => {
    if (location.kind !== 'internal') return;
    const key = `${variantId}/${location.id}`;
    const current = deltas.get(key);
    deltas.set(key, { variantId, location, quantity: (current?.quantity ?? new Decimal(0)).plus(quantity) });
  };
  for (const move of moves) {
    addDelta(move.variantId, locations.get(move.fromLocationId)!, new Decimal(move.quantity).negated());
    addDelta(move.variantId, locations.get(move.toLocationId)!, new Decimal(move.quantity));
  }
  const consumables = new Set(
    [...items.values()].filter((i) => i.kind === 'consumable').map((i) => i.variantId),
  );
  const forced = new Set<string>();
  // A fixed order of row locks across all transactions: no deadlocks between concurrent postings.
  for (const delta of [...deltas.values()].sort((a, b) =>
    (a.variantId + a.location.id).localeCompare(b.variantId + b.location.id),
  )) {
    const mayGoNegative =
      options.recordOnly || delta.location.negativeStock === 'allow' || consumables.has(delta.variantId);
    const wentNegative = await applyDelta(tx, delta, mayGoNegative);
    if (wentNegative) forced.add(delta.variantId);
  }
  return forced;
}

async function insertMoves(
  tx: Tx,
  moves: MoveInput[],
  { items, locations, currency }: Resolved,
  forced: Set<string>,
  options: PostMovesOptions,
): Promise<MoveRow[]> {
  const rows = moves.map((move, i) => {
    const from = locations.get(move.fromLocationId)!;
    const to = locations.get(move.toLocationId)!;
    // A receipt says what it cost; a reversal is valued as the move it reverses.
    const isReceipt = valuationDirection(from.kind, to.kind) === 'in' && !options.reversesMoveId;
    const cost = isReceipt ? receiptCost(move, items.get(move.variantId)!, currency!) : null;
    return {
      companyId: tx.ctx.companyId,
      id: newId(),
      variantId: move.variantId,
      fromLocationId: move.fromLocationId,
      toLocationId: move.toLocationId,
      quantity: move.quantity,
      unitCost: cost?.unitCost ?? null,
      costSource: cost?.costSource ?? null,
      reason: move.reason,
      referenceType: move.referenceType ?? null,
      referenceId: move.referenceId ?? null,
      reversesMoveId: options.reversesMoveId ?? null,
      forcedNegative: forced.has(move.variantId) && from.kind === 'internal',
      idempotencyKey: options.idempotencyKey
        ? `${options.idempotencyKey}#${String(i).padStart(4, '0')}`
        : null,
      note: move.note ?? null,
      postedBy: tx.ctx.actor.id,
    };
  });
  return tx.db
    .insert(inventoryMoves)
    .values(rows)
    .returning()
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'inventory_moves_reversal_unique') {
        throw InventoryErrors.already_reversed(`move ${options.reversesMoveId} was reversed already`);
      }
      throw error;
    });
}

/** Applies a net change to one stock row; returns whether it left the row below zero. */
async function applyDelta(tx: Tx, delta: Delta, mayGoNegative: boolean): Promise<boolean> {
  const { variantId, location } = delta;
  const quantity = delta.quantity.toString();
  if (delta.quantity.isZero()) return false;
  if (delta.quantity.isNegative() && !mayGoNegative) {
    const taken = delta.quantity.negated().toString();
    const updated = await tx.db
      .update(inventoryStock)
      .set({
        quantityOnHand: sql`${inventoryStock.quantityOnHand} - ${taken}::numeric`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(inventoryStock.companyId, tx.ctx.companyId),
          eq(inventoryStock.variantId, variantId),
          eq(inventoryStock.locationId, location.id),
          sql`${inventoryStock.quantityOnHand} - ${inventoryStock.quantityReserved} >= ${taken}::numeric`,
        ),
      )
      .returning({ onHand: inventoryStock.quantityOnHand });
    if (updated.length === 0) {
      throw InventoryErrors.insufficient_stock(
        `not enough of ${variantId} available in ${location.name} to take ${taken}`,
      );
    }
    return false;
  }
  const [row] = await tx.db
    .insert(inventoryStock)
    .values({
      companyId: tx.ctx.companyId,
      variantId,
      locationId: location.id,
      warehouseId: location.warehouseId!,
      quantityOnHand: quantity,
      negativeFlagged: delta.quantity.isNegative(),
    })
    .onConflictDoUpdate({
      target: [inventoryStock.companyId, inventoryStock.variantId, inventoryStock.locationId],
      set: {
        quantityOnHand: sql`${inventoryStock.quantityOnHand} + ${quantity}::numeric`,
        negativeFlagged: sql`${inventoryStock.quantityOnHand} + ${quantity}::numeric < 0`,
        updatedAt: new Date(),
      },
    })
    .returning({ onHand: inventoryStock.quantityOnHand });
  return new Decimal(row!.onHand).isNegative();
}

/** Corrects a posted move with the opposite move; a move is reversed at most once. */
export async function reverseMove(tx: Tx, moveId: string, note?: string | null): Promise<Move> {
  const [original] = await tx.db
    .select()
    .from(inventoryMoves)
    .where(and(eq(inventoryMoves.companyId, tx.ctx.companyId), eq(inventoryMoves.id, moveId)));
  if (!original) throw InventoryErrors.move_not_found(`no move has the id ${moveId}`);
  if (original.reversesMoveId)
    throw InventoryErrors.already_reversed('a reversal is not reversed; post a new move instead');
  const [earlier] = await tx.db
    .select({ id: inventoryMoves.id })
    .from(inventoryMoves)
    .where(and(eq(inventoryMoves.companyId, tx.ctx.companyId), eq(inventoryMoves.reversesMoveId, moveId)));
  // The unique index settles a race between two reversals; this answers the plain repeat clearly.
  if (earlier) throw InventoryErrors.already_reversed(`move ${moveId} was reversed by ${earlier.id}`);
  const [reversal] = await postMoves(
    tx,
    [
      {
        variantId: original.variantId,
        fromLocationId: original.toLocationId,
        toLocationId: original.fromLocationId,
        quantity: original.quantity,
        reason: 'reversal',
        referenceType: original.referenceType,
        referenceId: original.referenceId,
        note: note ?? `reverses ${original.id}`,
      },
    ],
    { reversesMoveId: original.id },
  );
  return reversal!;
}

export async function moveHistory(
  db: Executor,
  companyId: string,
  variantId: string,
  limit: number,
): Promise<Move[]> {
  const rows = await db
    .select()
    .from(inventoryMoves)
    .where(and(eq(inventoryMoves.companyId, companyId), eq(inventoryMoves.variantId, variantId)))
    .orderBy(sql`${inventoryMoves.postedAt} desc, ${inventoryMoves.id} desc`)
    .limit(limit);
  return rows.map(toMove);
}
