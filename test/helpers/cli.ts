/** Runs `server/src/main.ts` as `npm start` would, in a child process with a chosen environment. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout contains `text`; rejects if the process exits first. */
  printed(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<number | null>;
}

export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // A clean environment: nothing from the developer's shell decides what the server does.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...extra };
  return env;
}

export function startCli(env: NodeJS.ProcessEnv, args: string[] = []): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    wake();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => (wake(), resolve(code))));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: () => exit,
    printed: (text, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${String(text)}" within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`)),
          timeoutMs,
        );
        const check = () => {
          if (typeof text === 'string' ? out.includes(text) : text.test(out)) {
            clearTimeout(timer);
            return resolve();
          }
          if (child.exitCode !== null) {
            clearTimeout(timer);
            return reject(new Error(`exited ${child.exitCode} before printing "${String(text)}"; stderr: ${err}`));
          }
          waiters.push(check);
        };
        check();
      }),
  };
}
