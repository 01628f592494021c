/** Every missed call of the account, newest first, filtered by location and status, a page at a time. */
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { accountPath, apiRequest, withQuery } from '../api/client.ts';
import type { MissedCall } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useLocations } from '../api/use-locations.ts';
import { useSession } from '../auth/session.tsx';
import { CaseList } from '../components/case-list.tsx';
import { Empty, ErrorNote, Loading } from '../components/status.tsx';

const STATUSES = ['open', 'attempted', 'contacted', 'booked', 'won', 'lost', 'spam'];

export function CasesPage() {
  const { accountId = '' } = useParams();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const locationId = params.get('locationId') ?? '';
  const status = params.get('status') ?? '';
  const locations = useLocations(accountId);
  const first = useApi<{ items: MissedCall[]; next: string | null }>(
    withQuery(`${accountPath(accountId)}/missed-calls`, { locationId, status, limit: 50 }),
    5_000,
  );
  const [more, setMore] = useState<{ items: MissedCall[]; next: string | null }>({ items: [], next: null });
  const currency = session?.accounts.find((a) => a.id === accountId)?.currency ?? 'USD';

  useEffect(() => setMore({ items: [], next: null }), [locationId, status]);

  const loadMore = async () => {
    const cursor = more.next ?? first.data?.next;
    if (!cursor || !session) return;
    const page = await apiRequest<{ items: MissedCall[]; next: string | null }>(
      session.token,
      withQuery(`${accountPath(accountId)}/missed-calls`, { locationId, status, limit: 50, cursor }),
    );
    setMore((m) => ({ items: [...m.items, ...page.items], next: page.next }));
  };
  const set = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  const cases = [
    ...(first.data?.items ?? []),
    ...more.items.filter((m) => !first.data?.items.some((f) => f.id === m.id)),
  ];
  const hasMore = more.items.length ? more.next !== null : Boolean(first.data?.next);

  return (
    <>
      <div className="page-head">
        <h1>Missed calls</h1>
      </div>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Location</span>
          <select value={locationId} onChange={(e) => set('locationId', e.target.value)}>
            <option value="">All locations</option>
            {[...locations.byId.values()].map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Status</span>
          <select value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      {first.error ? <ErrorNote error={first.error} onRetry={first.reload} /> : null}
      {!first.data && !first.error ? <Loading what="missed calls" /> : null}
      {first.data && cases.length === 0 ? <Empty>No missed calls match.</Empty> : null}
      {cases.length ? (
        <section className="panel" aria-label="Missed calls">
          <CaseList
            accountId={accountId}
            cases={cases}
            caption="Missed calls, newest first"
            locationName={locations.nameOf}
            currency={currency}
          />
          {hasMore ? (
            <button type="button" className="button secondary" onClick={() => void loadMore()}>
              Load more
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
