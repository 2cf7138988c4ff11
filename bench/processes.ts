import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The servers under test run as child processes, so their memory is theirs alone and the load
// generator's work does not slow them down inside one event loop.

const ROOT = path.resolve(import.meta.dirname, '..');
const TANDEM_BIN = path.join(ROOT, 'bin/tandem.js');
const RAW_SERVER = path.join(ROOT, 'bench/raw/server.ts');

export type Server = {
  url: string;
  pid: number;
  /** Peak resident memory so far in MB (the kernel's VmHWM), or null once the process is gone. */
  peakRssMb(): number | null;
  stop(): Promise<void>;
};

function readVm(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resets the kernel's peak RSS counter, so a level's peak is its own (Linux ≥ 4.0; best effort). */
export function resetPeakRss(pid: number): void {
  try {
    // Writing 5 to clear_refs resets VmHWM to the current RSS.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted or not Linux: the peak then covers the whole life of the process.
  }
}

function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs: number,
): Promise<Server> {
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready after ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      if (output.length < 200_000) output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      // Keep draining the pipes so a chatty server never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.on('data', (c: Buffer) => {
        if (process.env.BENCH_VERBOSE) process.stderr.write(c);
      });
      const pid = child.pid!;
      resolve({
        url: match[1]!.replace('localhost', '127.0.0.1'),
        pid,
        peakRssMb: () => readVm(pid, 'VmHWM'),
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready:\n${output.slice(-4000)}`));
    });
  });
}

/** `tandem serve` on the bench database, with rate limits out of the way of the load. */
export function startTandem(databaseUrl: string, dataDir: string, poolMax: number): Promise<Server> {
  const { TANDEM_TEST_DATABASE_URL: _a, ...rest } = process.env;
  return start(
    process.execPath,
    // e.g. BENCH_TANDEM_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
    [...(process.env.BENCH_TANDEM_NODE_ARGS?.split(' ').filter(Boolean) ?? []), TANDEM_BIN, 'serve'],
    {
      ...rest,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: String(poolMax),
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO: 'false',
      TANDEM_RATE_LIMIT_MAX: '100000000',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TANDEM_LOG_FORMAT: 'json',
      NODE_ENV: 'production',
    },
    /ready on (http:\/\/localhost:\d+)/,
    120_000,
  );
}

/** The raw-SQL floor: `pg` behind a bare `node:http` server, run by tsx. */
export function startRaw(databaseUrl: string, companyId: string, token: string, poolMax: number) {
  return start(
    process.execPath,
    ['--import', 'tsx', RAW_SERVER],
    {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BENCH_COMPANY_ID: companyId,
      BENCH_TOKEN: token,
      BENCH_POOL_MAX: String(poolMax),
    },
    /raw ready on (http:\/\/127\.0\.0\.1:\d+)/,
    30_000,
  );
}
