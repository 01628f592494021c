import { describe, expect, it } from 'vitest';
import { SequentialWriter } from './sequential-writer.ts';

describe('SequentialWriter', () => {
  it('writes one item at a time in arrival order, counting failures without stopping', async () => {
    const log: string[] = [];
    let inFlight = 0;
    const writer = new SequentialWriter<number>(async (n) => {
      inFlight += 1;
      expect(inFlight).toBe(1);
      log.push(`start ${n}`);
      await Promise.resolve();
      inFlight -= 1;
      if (n === 2) throw new Error('refused');
      log.push(`end ${n}`);
    });
    [1, 2, 3].forEach((n) => writer.push(n));
    await writer.idle();
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'start 3', 'end 3']);
    expect({ written: writer.written, failed: writer.failed, lastError: writer.lastError }).toEqual({
      written: 2,
      failed: 1,
      lastError: 'refused',
    });
  });

  it('drops what is still queued on stop, after the write in flight', async () => {
    let release: () => void = () => undefined;
    const done: number[] = [];
    const writer = new SequentialWriter<number>(async (n) => {
      await new Promise<void>((r) => (release = r));
      done.push(n);
    });
    [1, 2, 3].forEach((n) => writer.push(n));
    const stopped = writer.stop();
    release();
    expect(await stopped).toBe(2);
    expect(done).toEqual([1]);
    writer.push(4);
    await writer.idle();
    expect(done).toEqual([1]);
  });
});
