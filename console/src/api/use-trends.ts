/**
 * Per-location trend points for the sparklines: one recovery query per location (grouped by day or
 * week), a few at a time, fetched again only when the period or filters change — not on every poll.
 */
import { useEffect, useState } from 'react';
import { apiRequest, withQuery, accountPath } from './client.ts';
import type { RecoveryResponse } from './types.ts';
import { useSession } from '../auth/session.tsx';

const PARALLEL = 4;

export function useTrends(
  accountId: string,
  locationIds: string[],
  query: Record<string, string>,
): Map<string, Array<{ x: string; y: number | null }>> {
  const { session } = useSession();
  const [trends, setTrends] = useState(() => new Map<string, Array<{ x: string; y: number | null }>>());
  const idsKey = locationIds.join(',');
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (!session || !idsKey) return;
    const controller = new AbortController();
    const ids = idsKey.split(',');
    const q = JSON.parse(queryKey) as Record<string, string>;
    let next = 0;
    const worker = async () => {
      while (next < ids.length && !controller.signal.aborted) {
        const id = ids[next++]!;
        try {
          const res = await apiRequest<RecoveryResponse>(
            session.token,
            withQuery(`${accountPath(accountId)}/recovery`, { ...q, locationId: id }),
            { signal: controller.signal },
          );
          const points = res.groups.map((g) => ({ x: g.key ?? '', y: g.recoveryRate }));
          setTrends((prev) => new Map(prev).set(id, points));
        } catch {
          // A missing sparkline is not worth an error on the dashboard.
        }
      }
    };
    void Promise.all(Array.from({ length: PARALLEL }, worker));
    return () => controller.abort();
  }, [session, accountId, idsKey, queryKey]);

  return trends;
}
