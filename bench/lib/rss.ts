/**
 * Resident set size of other processes, sampled while the load runs. Reads /proc (Linux, where the
 * bench runs); elsewhere falls back to `ps`, which is slower but fine at a few samples a second.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** RSS of `pid` in bytes, or null when the process is gone. */
export function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    try {
      const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
      return Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
    } catch {
      return null;
    }
  }
}

export interface RssSampler {
  /** Stops sampling; the samples in bytes per pid. */
  stop(): Map<number, number[]>;
}

export function sampleRss(pids: readonly number[], everyMs = 250): RssSampler {
  const samples = new Map<number, number[]>(pids.map((p) => [p, []]));
  const take = () => {
    for (const pid of pids) {
      const rss = rssOf(pid);
      if (rss !== null) samples.get(pid)!.push(rss);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
