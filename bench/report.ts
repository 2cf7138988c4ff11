import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measured } from './drive.ts';
import type { LedgerTimes } from './ledger.ts';

// A table for people, one JSON line for tools, and the whole run saved under bench/results/.

export type Row = {
  bench: string;
  clients: number;
  tandem: Measured & { rssMb: number | null };
  raw: (Measured & { rssMb: number | null }) | null;
};
export type ScaleOutRow = { servers: number; clients: number; measured: Measured; rssMb: (number | null)[] };
export type RunResult = {
  date: string;
  host: string;
  mode: 'quick' | 'full';
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres: string };
  data: { products: number; customers: number; warehouses: number; loadSeconds: number };
  rows: Row[];
  scaleOut: ScaleOutRow[];
  ledger: LedgerTimes | null;
  check: { passed: boolean; output: string } | null;
  summary: Record<string, unknown>;
};

const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number | null | undefined, digits = 1) => (n == null ? '–' : n.toFixed(digits));

export function printTable(rows: Row[], scaleOut: ScaleOutRow[]): string {
  const lines = [
    `${pad('bench', 14)}${pad('clients', 8)}${pad('tandem tps', 11)}${pad('raw tps', 9)}${pad('ratio', 7)}${pad('p50 ms', 14)}${pad('p95 ms', 14)}${pad('p99 ms', 14)}${pad('errors', 9)}rss MB`,
    `${' '.repeat(51)}${pad('tandem/raw', 14)}${pad('tandem/raw', 14)}${pad('tandem/raw', 14)}${pad('t/r', 9)}tandem/raw`,
  ];
  for (const r of rows) {
    const ratio = r.raw && r.raw.tps > 0 ? r.tandem.tps / r.raw.tps : null;
    lines.push(
      `${pad(r.bench, 14)}${pad(String(r.clients), 8)}${pad(num(r.tandem.tps), 11)}${pad(num(r.raw?.tps), 9)}${pad(num(ratio, 2), 7)}` +
        `${pad(`${num(r.tandem.p50Ms)}/${num(r.raw?.p50Ms)}`, 14)}${pad(`${num(r.tandem.p95Ms)}/${num(r.raw?.p95Ms)}`, 14)}` +
        `${pad(`${num(r.tandem.p99Ms)}/${num(r.raw?.p99Ms)}`, 14)}${pad(`${r.tandem.errors}/${r.raw?.errors ?? '–'}`, 9)}` +
        `${num(r.tandem.rssMb, 0)}/${num(r.raw?.rssMb, 0)}`,
    );
  }
  for (const s of scaleOut) {
    lines.push(
      `scale-out: ${s.servers} tandem serve, ${s.clients} clients: ${num(s.measured.tps)} tps, p99 ${num(s.measured.p99Ms)} ms, errors ${s.measured.errors}, rss ${s.rssMb.map((m) => num(m, 0)).join('/')} MB`,
    );
  }
  return lines.join('\n');
}

export function summaryLine(rows: Row[]): Record<string, unknown> {
  const top = rows.filter((r) => r.bench === 'new-order').sort((a, b) => b.clients - a.clients)[0];
  if (!top) return { bench: 'new-order', error: 'not measured' };
  const ratio = top.raw && top.raw.tps > 0 ? Math.round((top.tandem.tps / top.raw.tps) * 1000) / 1000 : null;
  return {
    bench: 'new-order',
    clients: top.clients,
    tandem_tps: top.tandem.tps,
    raw_tps: top.raw?.tps ?? null,
    ratio,
    p99_ms: top.tandem.p99Ms,
    raw_p99_ms: top.raw?.p99Ms ?? null,
    rss_mb: top.tandem.rssMb === null ? null : Math.round(top.tandem.rssMb),
    errors: top.tandem.errors,
  };
}

export function machine(postgres: string): RunResult['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
    postgres,
  };
}

export function saveResult(result: RunResult): string {
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${result.date.slice(0, 10)}-${result.host}${result.mode === 'quick' ? '-quick' : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
