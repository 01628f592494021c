import { describe, expect, it } from 'vitest';
import { nextChunk } from './history-job.ts';

describe('history chunks', () => {
  it('fills newest first, a week at a time, back to the window start', () => {
    let marker = null as { start: string; end: string } | null;
    const chunks: Array<{ start: string; end: string }> = [];
    for (;;) {
      const chunk = nextChunk(marker, '2026-11-22', 20);
      if (!chunk) break;
      chunks.push(chunk);
      marker = marker
        ? {
            start: chunk.start < marker.start ? chunk.start : marker.start,
            end: chunk.end > marker.end ? chunk.end : marker.end,
          }
        : chunk;
    }
    expect(chunks).toEqual([
      { start: '2026-11-15', end: '2026-11-22' },
      { start: '2026-11-08', end: '2026-11-15' },
      { start: '2026-11-02', end: '2026-11-08' },
    ]);
  });

  it('after a restart days later, fills only the days since', () => {
    expect(nextChunk({ start: '2026-01-01', end: '2026-11-22' }, '2026-11-25', 365)).toEqual({
      start: '2026-11-22',
      end: '2026-11-25',
    });
    expect(nextChunk({ start: '2025-11-22', end: '2026-11-22' }, '2026-11-22', 365)).toBeNull();
  });

  it('does nothing when history is switched off', () => {
    expect(nextChunk(null, '2026-11-22', 0)).toBeNull();
  });
});
