/**
 * The operator dashboard: account totals, the daily trend, every location's decomposition with
 * laggards marked, and the latest missed calls. Figures refresh on their own while the page is open.
 */
import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { accountPath, withQuery } from '../api/client.ts';
import type { MissedCall, RecoveryResponse } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useLocations } from '../api/use-locations.ts';
import { useTrends } from '../api/use-trends.ts';
import { useSession } from '../auth/session.tsx';
import { RecentCalls } from '../components/case-list.tsx';
import { ChartFrame, legendText } from '../components/chart-frame.tsx';
import { Filters, type FilterValues } from '../components/filters.tsx';
import { LocationsTable } from '../components/locations-table.tsx';
import { StatTiles } from '../components/stat-tiles.tsx';
import { Empty, ErrorNote, Loading } from '../components/status.tsx';
import { count, money, percent } from '../lib/format.ts';
import { isLaggard, totals } from '../lib/locations.ts';
import { chartGrouping, isPeriod, periodRange, PERIODS, trendGrouping } from '../lib/period.ts';

const REFRESH_MS = 10_000;

export function Dashboard() {
  const { accountId = '' } = useParams();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const period = isPeriod(params.get('period')) ? (params.get('period') as FilterValues['period']) : '30d';
  const filters: FilterValues = {
    period,
    source: params.get('source') ?? '',
    vertical: params.get('vertical') ?? '',
    category: params.get('category') ?? '',
  };
  const account = session?.accounts.find((a) => a.id === accountId);
  const currency = account?.currency ?? 'USD';
  // The range is recomputed each render; it moves by whole minutes, so polls reuse the same URL in between.
  const range = periodRange(period);
  const filterQuery = { source: filters.source, vertical: filters.vertical, category: filters.category };
  const base = accountPath(accountId);

  const byLocation = useApi<RecoveryResponse>(
    withQuery(`${base}/recovery`, { ...range, groupBy: 'location', benchmark: 'account', ...filterQuery }),
    REFRESH_MS,
  );
  const byDay = useApi<RecoveryResponse>(
    withQuery(`${base}/recovery`, { ...range, groupBy: chartGrouping(period), ...filterQuery }),
    REFRESH_MS * 3,
  );
  const bySource = useApi<RecoveryResponse>(
    withQuery(`${base}/recovery`, { ...periodRange(period, new Date(), 3_600_000), groupBy: 'source' }),
  );
  const recent = useApi<{ items: MissedCall[] }>(withQuery(`${base}/missed-calls`, { limit: 10 }), 5_000);
  const locations = useLocations(accountId);

  const groups = byLocation.data?.groups ?? [];
  const locationIds = useMemo(
    () =>
      groups
        .map((g) => g.key)
        .filter((k): k is string => k !== null)
        .sort(),
    [groups],
  );
  // Sparklines follow the period and filters, refreshed hourly rather than on every poll.
  const hour = Math.floor(Date.now() / 3_600_000);
  const trendQuery = useMemo(
    () => ({
      ...periodRange(period, new Date(hour * 3_600_000), 3_600_000),
      groupBy: trendGrouping(period),
      source: filters.source,
      vertical: filters.vertical,
      category: filters.category,
    }),
    [period, hour, filters.source, filters.vertical, filters.category],
  );
  const trends = useTrends(accountId, locationIds, trendQuery);
  const sum = totals(groups);
  const laggards = groups.filter(isLaggard).length;
  const verticals = [
    ...new Set([...locations.byId.values()].map((l) => l.vertical).filter((v): v is string => Boolean(v))),
  ].sort();
  const sources = (bySource.data?.groups ?? [])
    .map((g) => g.key)
    .filter((k): k is string => Boolean(k))
    .sort();
  const periodLabel = PERIODS.find((p) => p.id === period)!.label.toLowerCase();

  const series = (byDay.data?.groups ?? []).map((g) => ({
    date: g.key ?? '',
    missed: g.missed,
    recovered: g.recoveryRate,
    sla: g.slaMetRate,
  }));

  return (
    <>
      <div className="page-head">
        <h1>
          {account?.name ?? accountId}: recovery, {periodLabel}
        </h1>
        <p className="muted" aria-live="polite">
          {byLocation.updatedAt ? `Updated ${byLocation.updatedAt.toLocaleTimeString()}` : ''}
        </p>
      </div>
      <Filters
        values={filters}
        sources={sources}
        verticals={verticals}
        onChange={(next) => {
          const p = new URLSearchParams();
          for (const [k, v] of Object.entries(next)) if (v && !(k === 'period' && v === '30d')) p.set(k, v);
          setParams(p, { replace: true });
        }}
      />
      {byLocation.error ? <ErrorNote error={byLocation.error} onRetry={byLocation.reload} /> : null}
      {!byLocation.data && !byLocation.error ? <Loading what="recovery figures" /> : null}
      {byLocation.data ? (
        <>
          <StatTiles
            label="Account totals"
            tiles={[
              { label: 'Missed calls', value: count(sum.missed) },
              { label: 'Called back', value: percent(sum.attemptRate), note: `${percent(sum.slaMetRate)} within SLA` },
              { label: 'Recovered', value: percent(sum.recoveryRate), note: `${count(sum.contacted)} conversations` },
              { label: 'Booked', value: count(sum.booked), note: `${percent(sum.bookingRate)} of conversations` },
              { label: 'Revenue recovered', value: money(sum.revenue, currency), note: `${count(sum.won)} won jobs` },
              {
                label: 'Laggards',
                value: count(laggards),
                note: 'bottom quarter on recovery',
                tone: laggards ? 'bad' : undefined,
              },
            ]}
          />
          <div className="grid-2">
            <ChartFrame
              title="Missed calls and recovery over time"
              summary={`${series.length} ${chartGrouping(period) === 'day' ? 'days' : 'weeks'}; recovery ${percent(sum.recoveryRate)} overall`}
              columns={['Period', 'Missed', 'Recovered', 'SLA met']}
              rows={series.map((s) => [s.date, s.missed, percent(s.recovered), percent(s.sla)])}
            >
              <ResponsiveContainer width="100%" height={240}>
                <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#e5e7eb" vertical={false} />
                  <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={24} />
                  <YAxis yAxisId="n" tick={{ fontSize: 11 }} width={32} allowDecimals={false} />
                  <YAxis
                    yAxisId="r"
                    orientation="right"
                    domain={[0, 1]}
                    tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
                    tick={{ fontSize: 11 }}
                    width={40}
                  />
                  <Tooltip formatter={(v, name) => (name === 'Missed' ? v : percent(v as number))} />
                  <Legend formatter={legendText} />
                  <Bar yAxisId="n" dataKey="missed" name="Missed" fill="#cbd5e1" isAnimationActive={false} />
                  <Line
                    yAxisId="r"
                    dataKey="recovered"
                    name="Recovered"
                    stroke="#1d4ed8"
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                    connectNulls
                  />
                  <Line
                    yAxisId="r"
                    dataKey="sla"
                    name="SLA met"
                    stroke="#b45309"
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                    connectNulls
                  />
                </ComposedChart>
              </ResponsiveContainer>
            </ChartFrame>
            <section className="panel" aria-labelledby="recent-heading">
              <h2 id="recent-heading">Latest missed calls</h2>
              {recent.data?.items.length ? (
                <RecentCalls accountId={accountId} cases={recent.data.items} locationName={locations.nameOf} />
              ) : recent.data ? (
                <Empty>No missed calls yet.</Empty>
              ) : (
                <Loading what="missed calls" />
              )}
            </section>
          </div>
          <section className="panel" aria-labelledby="locations-heading">
            <h2 id="locations-heading">Locations</h2>
            {groups.length ? (
              <LocationsTable
                accountId={accountId}
                groups={groups}
                meta={locations.byId}
                currency={currency}
                trends={trends}
              />
            ) : (
              <Empty>
                No missed calls in this period
                {filters.source || filters.vertical || filters.category ? ' with these filters' : ''}.
              </Empty>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
