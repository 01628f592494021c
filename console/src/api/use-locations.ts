/** The account's locations (names, verticals, zones) for labels everywhere. */
import { useMemo } from 'react';
import { useApi } from './use-api.ts';
import { accountPath } from './client.ts';
import type { LocationSetup } from './types.ts';

export function useLocations(accountId: string) {
  const state = useApi<{ items: LocationSetup[] }>(`${accountPath(accountId)}/locations`);
  const byId = useMemo(() => new Map((state.data?.items ?? []).map((l) => [l.id, l])), [state.data]);
  const nameOf = (id: string | null) => (id === null ? 'Unassigned' : (byId.get(id)?.name ?? id));
  return { ...state, byId, nameOf };
}
