import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/tandem.js');

export type RunningServer = {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { TANDEM_TEST_DATABASE_URL: _ignored, DATABASE_URL: _alsoIgnored, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', TANDEM_LOG_FORMAT: 'json', ...env };
}

/** Starts `tandem serve` as a child process and waits until it says it is ready. */
export async function startServer(env: Record<string, string>, timeoutMs = 150_000): Promise<RunningServer> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: baseEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server not ready after ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready on (https?:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/** Runs a `tandem` command to completion. */
export function runTandem(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 150_000,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tandem ${args.join(' ')} timed out:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
