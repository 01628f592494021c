/**
 * Server processes for the bench (Ringback and the baseline), each a separate Node process so the
 * load generator in this process never shares an event loop with what it measures. The child gets
 * its settings over IPC (not the environment: the bench must not depend on the developer's shell)
 * and answers `{ type: 'ready', url }` once it listens.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defer, withTimeout } from './cleanup.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  pid: number;
  url: string;
  /** The last output lines (start-up failures, warnings), for error messages. */
  output(): string;
  /** Graceful (SIGTERM, SIGKILL after 12 s); `{ abandon: true }` kills at once, for work that is thrown away. */
  stop(options?: { abandon?: boolean }): Promise<void>;
}

export interface ReadyMessage {
  type: 'ready';
  url: string;
}
export interface FailedMessage {
  type: 'failed';
  message: string;
}
export type ChildMessage = ReadyMessage | FailedMessage;

export class ChildStartError extends Error {
  readonly code = 'bench_child_start_failed';
}

/**
 * Starts `entry` (a file in bench/lib) under tsx, exactly as `npm start` runs Ringback, sends it
 * `settings`, and resolves once it listens. Registered with the cleanup list until stopped.
 */
export async function startChild(entry: string, settings: unknown, what: string, startTimeoutMs = 60_000): Promise<ChildServer> {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let abandon = false;
  const undo = defer(`${what} (pid ${child.pid})`, () => stopChild(child, abandon));
  const stop = (options: { abandon?: boolean } = {}) => {
    abandon ||= options.abandon === true;
    return undo();
  };
  try {
    const ready = await withTimeout(waitReady(child, settings, () => tail), startTimeoutMs, `starting ${what}`);
    return { pid: child.pid!, url: ready.url, output: () => tail, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitReady(child: ChildProcess, settings: unknown, tail: () => string): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: ChildMessage) => {
      if (m.type === 'ready') resolve(m);
      else reject(new ChildStartError(`${m.message}\n${tail()}`));
    });
    child.once('exit', (code) => reject(new ChildStartError(`exited with ${code} before listening\n${tail()}`)));
    child.once('error', reject);
    child.send({ type: 'start', settings });
  });
}

/** SIGTERM (graceful: Ringback finishes in-flight requests), SIGKILL after 12 s or at once when abandoning. */
async function stopChild(child: ChildProcess, abandon: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(abandon ? 'SIGKILL' : 'SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 12_000);
  await exited;
  clearTimeout(killer);
}
