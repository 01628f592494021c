import { describe, expect, it, vi } from 'vitest';
import { NonRetryableError, RetryableError } from '../../lib/errors.ts';
import { MicroBatcher } from './batcher.ts';

interface In {
  key: string;
  bad?: boolean;
}

function batcher(fail?: (inputs: In[]) => Error | null) {
  const sent: string[][] = [];
  const b = new MicroBatcher<In, { key: string; id: string }>({
    windowMs: 20,
    keyOfInput: (i) => i.key,
    keyOfResult: (r) => r.key,
    send: async (inputs) => {
      sent.push(inputs.map((i) => i.key));
      const err = fail?.(inputs);
      if (err) throw err;
      // Answers in reverse: results are matched by key, not position.
      return inputs.map((i) => ({ key: i.key, id: `id-${i.key}` })).reverse();
    },
  });
  return { b, sent };
}

describe('MicroBatcher', () => {
  it('sends inputs arriving within the window as one batch and gives each its own result', async () => {
    const { b, sent } = batcher();
    const results = await Promise.all(['a', 'b', 'c'].map((key) => b.add({ key })));
    expect(results.map((r) => r.id)).toEqual(['id-a', 'id-b', 'id-c']);
    expect(sent).toEqual([['a', 'b', 'c']]);
  });

  it('sends one input for two requests of the same key', async () => {
    const { b, sent } = batcher();
    const [x, y] = await Promise.all([b.add({ key: 'same' }), b.add({ key: 'same' })]);
    expect(x.id).toBe(y.id);
    expect(sent).toEqual([['same']]);
  });

  it('isolates the bad input when HubSpot refuses the whole batch', async () => {
    const { b, sent } = batcher((inputs) => (inputs.some((i) => i.bad) ? new NonRetryableError('crm_validation', 'bad input') : null));
    const outcomes = await Promise.allSettled([b.add({ key: 'a' }), b.add({ key: 'b', bad: true }), b.add({ key: 'c' })]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sent).toEqual([['a', 'b', 'c'], ['a'], ['b'], ['c']]);
  });

  it('fails the whole batch on a retryable error, without resending one by one', async () => {
    const { b, sent } = batcher(() => new RetryableError('crm_unavailable', '503'));
    const outcomes = await Promise.allSettled([b.add({ key: 'a' }), b.add({ key: 'b' })]);
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(sent).toEqual([['a', 'b']]);
  });

  it('gathers what arrives while a batch is in flight into the next one, with one batch at a time', async () => {
    const sent: string[][] = [];
    let release: () => void = () => undefined;
    const b = new MicroBatcher<In, { key: string }>({
      windowMs: 5,
      maxInFlight: 1,
      keyOfInput: (i) => i.key,
      keyOfResult: (r) => r.key,
      send: async (inputs) => {
        sent.push(inputs.map((i) => i.key));
        // The first batch is held (as if waiting for the search budget) until the test lets it go.
        if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return inputs.map((i) => ({ key: i.key }));
      },
    });
    const first = b.add({ key: 'a' });
    await vi.waitFor(() => expect(sent).toEqual([['a']]));
    const later = ['b', 'c', 'd'].map((key) => b.add({ key }));
    // Several windows pass while the first batch is held: nothing else is sent meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sent).toEqual([['a']]);
    release();
    await Promise.all([first, ...later]);
    expect(sent).toEqual([['a'], ['b', 'c', 'd']]);
  });
});
