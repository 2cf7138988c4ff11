import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplyToMinor } from '../../../shared/money.ts';
import {
  type LayerTake,
  type OpenLayer,
  type OpenShortfall,
  type ShortfallRelease,
  settlementValueMinor,
  settleShortfalls,
  sum,
  takeOldestFirst,
} from './fifo.ts';

const d = (v: string | number) => new Decimal(v);
const layer = (id: string, quantity: number, valueMinor: number): OpenLayer => ({
  id,
  quantityRemaining: d(quantity),
  valueRemainingMinor: valueMinor,
});

describe('takeOldestFirst', () => {
  it('takes 15 from 10 @ 2.00 and 10 @ 3.00 as 10 for 20.00 and 5 for 15.00', () => {
    const { takes, short } = takeOldestFirst([layer('a', 10, 2000), layer('b', 10, 3000)], 'm', d(15));
    expect(takes.map((t) => [t.layerId, t.quantity.toFixed(), t.valueMinor])).toEqual([
      ['a', '10', 2000],
      ['b', '5', 1500],
    ]);
    expect(short.isZero()).toBe(true);
  });

  it('says what no layer covers', () => {
    const { takes, short } = takeOldestFirst([layer('a', 2, 400)], 'm', d(5));
    expect(sum(takes.map((t) => t.valueMinor))).toBe(400);
    expect(short.toFixed()).toBe('3');
  });
});

describe('settleShortfalls', () => {
  it('settles the oldest shortfall first from the oldest layer, at the layer’s cost', () => {
    const shortfalls: OpenShortfall[] = [
      { id: 's1', moveId: 'm1', quantityOpen: d(3), valueOpenMinor: 600 },
      { id: 's2', moveId: 'm2', quantityOpen: d(2), valueOpenMinor: 400 },
    ];
    const { takes, releases } = settleShortfalls(shortfalls, [layer('r', 4, 1200)]);
    expect(takes.map((t) => [t.moveId, t.quantity.toFixed(), t.valueMinor])).toEqual([
      ['m1', '3', 900],
      ['m2', '1', 300],
    ]);
    expect(releases.map((r) => [r.shortfallId, r.quantity.toFixed(), r.valueMinor])).toEqual([
      ['s1', '3', 600],
      ['s2', '1', 200],
    ]);
    expect(settlementValueMinor(takes, releases)).toBe(800 - 1200);
  });
});

// A FIFO book in memory, driven only by the pure functions, as the database code drives them.
class Book {
  layers: (OpenLayer & { quantity: Decimal; valueMinor: number })[] = [];
  shortfalls: (OpenShortfall & { quantity: Decimal; valueMinor: number })[] = [];
  takes: LayerTake[] = [];
  releases: (ShortfallRelease & { moveId: string })[] = [];
  value = 0;
  quantity = d(0);
  lastCost = d(0);
  private seq = 0;

  receive(quantity: Decimal, cost: Decimal): string {
    const id = `r${this.seq++}`;
    const valueMinor = multiplyToMinor(cost, quantity, 'EUR');
    this.layers.push({
      id,
      quantity,
      valueMinor,
      quantityRemaining: quantity,
      valueRemainingMinor: valueMinor,
    });
    this.value += valueMinor;
    this.quantity = this.quantity.plus(quantity);
    this.lastCost = cost;
    this.settle(id);
    return id;
  }

  issue(quantity: Decimal): string {
    const id = `i${this.seq++}`;
    const open = this.layers.filter((l) => l.quantityRemaining.gt(0));
    const { takes, short } = takeOldestFirst(open, id, quantity);
    // Oldest first: the layers taken are the first open ones, each emptied but the last.
    expect(takes.map((t) => t.layerId)).toEqual(open.slice(0, takes.length).map((l) => l.id));
    for (const [i, t] of takes.slice(0, -1).entries())
      expect(t.quantity.eq(open[i]!.quantityRemaining)).toBe(true);
    this.apply(takes);
    let out = sum(takes.map((t) => t.valueMinor));
    if (short.gt(0)) {
      const valueMinor = multiplyToMinor(this.lastCost, short, 'EUR');
      this.shortfalls.push({
        id: `s${id}`,
        moveId: id,
        quantity: short,
        valueMinor,
        quantityOpen: short,
        valueOpenMinor: valueMinor,
      });
      out += valueMinor;
    }
    this.value -= out;
    this.quantity = this.quantity.minus(quantity);
    return id;
  }

  reverseIssue(moveId: string): void {
    const id = `v${this.seq++}`;
    const net = new Map<string, { quantity: Decimal; valueMinor: number }>();
    for (const t of this.takes.filter((t) => t.moveId === moveId)) {
      const n = net.get(t.layerId) ?? { quantity: d(0), valueMinor: 0 };
      net.set(t.layerId, { quantity: n.quantity.plus(t.quantity), valueMinor: n.valueMinor + t.valueMinor });
    }
    const back = [...net].map(([layerId, n]) => ({
      layerId,
      moveId: id,
      quantity: n.quantity.negated(),
      valueMinor: -n.valueMinor,
    }));
    this.apply(back);
    let restored = -sum(back.map((b) => b.valueMinor));
    let quantity = back.reduce((q, b) => q.minus(b.quantity), d(0));
    const own = this.shortfalls.find((s) => s.moveId === moveId);
    if (own?.quantityOpen.gt(0)) {
      restored += own.valueOpenMinor;
      quantity = quantity.plus(own.quantityOpen);
      this.release([{ shortfallId: own.id, quantity: own.quantityOpen, valueMinor: own.valueOpenMinor }], id);
    }
    this.value += restored;
    this.quantity = this.quantity.plus(quantity);
    this.settle(id);
  }

  private settle(postingId: string): void {
    const open = this.shortfalls.filter((s) => s.quantityOpen.gt(0));
    const { takes, releases } = settleShortfalls(
      open,
      this.layers.filter((l) => l.quantityRemaining.gt(0)),
    );
    this.apply(takes);
    this.release(releases, postingId);
    this.value += settlementValueMinor(takes, releases);
  }

  private apply(takes: LayerTake[]): void {
    for (const t of takes) {
      const l = this.layers.find((l) => l.id === t.layerId)!;
      l.quantityRemaining = l.quantityRemaining.minus(t.quantity);
      l.valueRemainingMinor -= t.valueMinor;
      this.takes.push(t);
    }
  }

  private release(releases: ShortfallRelease[], moveId: string): void {
    for (const r of releases) {
      const s = this.shortfalls.find((s) => s.id === r.shortfallId)!;
      s.quantityOpen = s.quantityOpen.minus(r.quantity);
      s.valueOpenMinor -= r.valueMinor;
      this.releases.push({ ...r, moveId });
    }
  }

  expectSound(): void {
    const open = this.layers.filter((l) => l.quantityRemaining.gt(0));
    const owed = this.shortfalls.filter((s) => s.quantityOpen.gt(0));
    expect(open.length > 0 && owed.length > 0).toBe(false);
    expect(sum(open.map((l) => l.valueRemainingMinor)) - sum(owed.map((s) => s.valueOpenMinor))).toBe(
      this.value,
    );
    const onHand = open
      .reduce((q, l) => q.plus(l.quantityRemaining), d(0))
      .minus(owed.reduce((q, s) => q.plus(s.quantityOpen), d(0)));
    expect(onHand.toFixed()).toBe(this.quantity.toFixed());
    for (const l of this.layers) {
      const taken = this.takes.filter((t) => t.layerId === l.id);
      expect(l.quantityRemaining.gte(0) && l.quantityRemaining.lte(l.quantity)).toBe(true);
      expect(l.valueRemainingMinor).toBe(l.valueMinor - sum(taken.map((t) => t.valueMinor)));
      // A layer taken whole has given exactly its value, however it was split.
      if (l.quantityRemaining.isZero()) expect(l.valueRemainingMinor).toBe(0);
    }
    for (const s of this.shortfalls) {
      expect(s.quantityOpen.gte(0)).toBe(true);
      if (s.quantityOpen.isZero()) expect(s.valueOpenMinor).toBe(0);
    }
  }
}

describe('a FIFO book driven by these functions', () => {
  it('keeps Σ open layers − Σ open shortfalls = Σ value changes, exact to the minor unit, over any moves', () => {
    const quantity = fc.integer({ min: 1, max: 9000 }).map((n) => d(n).div(1000));
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('receive' as const),
        quantity,
        cost: fc.integer({ min: 0, max: 99_999 }).map((c) => d(c).div(3000).toDecimalPlaces(6)),
      }),
      fc.record({ kind: fc.constant('issue' as const), quantity }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const book = new Book();
        const issues: string[] = [];
        for (const o of ops) {
          if (o.kind === 'receive') book.receive(o.quantity, o.cost);
          else if (o.kind === 'issue') issues.push(book.issue(o.quantity));
          else if (issues.length > 0) book.reverseIssue(issues.splice(o.pick % issues.length, 1)[0]!);
          book.expectSound();
        }
      }),
      { numRuns: 400 },
    );
  });
});
