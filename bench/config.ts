// What a run measures: the full run, or `--quick` for a check in passing.

export type Scale = {
  products: number;
  customers: number;
  warehouses: number;
  /** Tills, each with its open shift; the POS workload spreads its clients over them. */
  registers: number;
  seed: number;
};

export type BenchConfig = {
  quick: boolean;
  scale: Scale;
  /** Concurrent clients (autocannon connections) per measured level. */
  levels: number[];
  /** Seconds per measured level; warm-up runs before each server's first level. */
  seconds: number;
  warmupSeconds: number;
  /** Levels at which the secondary transactions (order status, stock level, POS) are measured. */
  secondaryLevels: number[];
  secondarySeconds: number;
  /** Scale-out: number of `tandem serve` processes behind the proxy (empty: skipped). */
  scaleOut: number[];
  /** Journal lines generated for the report query times (0: skipped). */
  ledgerLines: number;
  keep: boolean;
};

export function parseArgs(argv: string[]): BenchConfig {
  const quick = argv.includes('--quick');
  const keep = argv.includes('--keep');
  const skipScaleOut = argv.includes('--no-scale-out');
  const seedArg = argv.find((a) => a.startsWith('--seed='));
  const seed = seedArg ? Number(seedArg.slice('--seed='.length)) : 42;
  const ledgerArg = argv.find((a) => a.startsWith('--ledger='));
  const ledger = (fallback: number) => (ledgerArg ? Number(ledgerArg.slice('--ledger='.length)) : fallback);
  if (quick) {
    return {
      quick,
      keep,
      scale: { products: 10_000, customers: 3_000, warehouses: 10, registers: 16, seed },
      levels: [1, 16],
      seconds: 4,
      warmupSeconds: 1,
      secondaryLevels: [16],
      secondarySeconds: 2,
      scaleOut: [],
      ledgerLines: ledger(0),
    };
  }
  return {
    quick,
    keep,
    scale: { products: 100_000, customers: 30_000, warehouses: 10, registers: 16, seed },
    levels: [1, 4, 16],
    seconds: 15,
    warmupSeconds: 5,
    secondaryLevels: [1, 16],
    secondarySeconds: 10,
    // One server again at the end: the orders made meanwhile slow confirmation (see PERFORMANCE.md).
    scaleOut: skipScaleOut ? [] : [1, 2, 3],
    ledgerLines: ledger(1_000_000),
  };
}
