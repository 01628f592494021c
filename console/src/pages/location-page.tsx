/**
 * One location: its figures against the previous period and its peers, the funnel from missed to
 * won, the daily recovery line, how fast it calls back, and the open high-intent cases with the
 * revenue they put at risk.
 */
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { accountPath, withQuery } from '../api/client.ts';
import type { LocationRecovery } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useSession } from '../auth/session.tsx';
import { ChartFrame, legendText } from '../components/chart-frame.tsx';
import { StatusTag } from '../components/case-list.tsx';
import { StatTiles, type Tile } from '../components/stat-tiles.tsx';
import { Empty, ErrorNote, Loading } from '../components/status.tsx';
import { ago, count, money, ordinal, percent, phone, points, seconds, words } from '../lib/format.ts';
import { isPeriod, periodRange, PERIODS, type PeriodId } from '../lib/period.ts';

const FUNNEL_COLORS = ['#94a3b8', '#60a5fa', '#3b82f6', '#2563eb', '#1d4ed8', '#1e3a8a'];

function trendTile(
  label: string,
  value: number | null,
  previous: number | null | undefined,
  rank: number | null | undefined,
): Tile {
  const delta = value !== null && previous !== null && previous !== undefined ? value - previous : null;
  return {
    label,
    value: percent(value),
    note: `${delta === null ? 'no earlier period' : `${points(delta)} vs previous`}${rank !== null && rank !== undefined ? ` · ${ordinal(rank)} percentile` : ''}`,
    tone: delta === null || Math.abs(delta) < 0.0005 ? undefined : delta > 0 ? 'good' : 'bad',
  };
}

export function LocationPage() {
  const { accountId = '', locationId = '' } = useParams();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const period: PeriodId = isPeriod(params.get('period')) ? (params.get('period') as PeriodId) : '30d';
  const state = useApi<LocationRecovery>(
    withQuery(`${accountPath(accountId)}/locations/${encodeURIComponent(locationId)}/recovery`, periodRange(period)),
    15_000,
  );
  const currency = session?.accounts.find((a) => a.id === accountId)?.currency ?? 'USD';

  if (state.error && !state.data) return <ErrorNote error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what="the location" />;
  const d = state.data;
  const s = d.summary;
  const p = d.previous;
  const funnel = [
    { step: 'Missed', n: s.missed },
    { step: 'Called back', n: s.attempted },
    { step: 'Within SLA', n: s.attemptedWithinSla },
    { step: 'Reached', n: s.contacted },
    { step: 'Booked', n: s.booked },
    { step: 'Won', n: s.won },
  ];
  const daily = d.daily.map((x) => ({ date: x.date, missed: x.missed, recovery: x.recoveryRate, sla: x.slaMetRate }));

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/accounts/${accountId}`}>Dashboard</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{d.name}</span>
      </nav>
      <div className="page-head">
        <h1>{d.name}</h1>
        <p className="muted">
          {d.vertical ? words(d.vertical) : 'no vertical'} · {d.timezone} ·{' '}
          <Link to={`/accounts/${accountId}/cases?locationId=${encodeURIComponent(locationId)}`}>all missed calls</Link>
          {session?.role === 'admin' ? (
            <>
              {' '}
              · <Link to={`/setup/${accountId}/locations/${encodeURIComponent(locationId)}`}>settings</Link>
            </>
          ) : null}
        </p>
      </div>
      <form className="filters" aria-label="Period" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Period</span>
          <select
            value={period}
            onChange={(e) => setParams(e.target.value === '30d' ? {} : { period: e.target.value }, { replace: true })}
          >
            {PERIODS.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <StatTiles
        label="Location figures"
        tiles={[
          {
            label: 'Missed calls',
            value: count(s.missed),
            note: p ? `${count(p.missed)} in the previous period` : undefined,
          },
          trendTile('Recovery rate', s.recoveryRate, p?.recoveryRate, s.benchmark.recoveryRate),
          trendTile('SLA met', s.slaMetRate, p?.slaMetRate, s.benchmark.slaMetRate),
          trendTile('Booking rate', s.bookingRate, p?.bookingRate, s.benchmark.bookingRate),
          {
            label: 'Callback p50 / p90',
            value: `${seconds(s.callbackSeconds.p50)} / ${seconds(s.callbackSeconds.p90)}`,
          },
          {
            label: 'Revenue recovered',
            value: money(s.revenue, currency),
            note: `vertical percentile ${ordinal(s.verticalBenchmark.recoveryRate)}`,
          },
        ]}
      />
      <div className="grid-2">
        <ChartFrame
          title="Funnel"
          summary={`Of ${s.missed} missed calls, ${s.attempted} called back, ${s.contacted} reached, ${s.booked} booked, ${s.won} won`}
          columns={['Step', 'Cases']}
          rows={funnel.map((f) => [f.step, f.n])}
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={funnel} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="#e5e7eb" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="step" width={88} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="n" name="Cases" isAnimationActive={false}>
                {funnel.map((f, i) => (
                  <Cell key={f.step} fill={FUNNEL_COLORS[i]!} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartFrame>
        <ChartFrame
          title="Daily recovery"
          summary={`${daily.length} days; recovery ${percent(s.recoveryRate)} over the period`}
          columns={['Date', 'Missed', 'Recovered', 'SLA met']}
          rows={daily.map((x) => [x.date, x.missed, percent(x.recovery), percent(x.sla)])}
        >
          <ResponsiveContainer width="100%" height={240}>
            <ComposedChart data={daily} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={24} />
              <YAxis yAxisId="n" width={28} allowDecimals={false} tick={{ fontSize: 11 }} />
              <YAxis
                yAxisId="r"
                orientation="right"
                domain={[0, 1]}
                width={40}
                tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
                tick={{ fontSize: 11 }}
              />
              <Tooltip formatter={(v, name) => (name === 'Missed' ? v : percent(v as number))} />
              <Legend formatter={legendText} />
              <Bar yAxisId="n" dataKey="missed" name="Missed" fill="#cbd5e1" isAnimationActive={false} />
              <Line
                yAxisId="r"
                dataKey="recovery"
                name="Recovered"
                stroke="#1d4ed8"
                strokeWidth={2}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
              <Line
                yAxisId="r"
                dataKey="sla"
                name="SLA met"
                stroke="#b45309"
                strokeWidth={2}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartFrame>
        <ChartFrame
          title="Callback latency"
          summary={`Callbacks by delay after the miss: ${d.callbackHistogram.map((b) => `${b.bucket} ${b.count}`).join(', ')}`}
          columns={['Delay', 'Callbacks']}
          rows={d.callbackHistogram.map((b) => [b.bucket, b.count])}
        >
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={d.callbackHistogram} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="bucket" tick={{ fontSize: 12 }} />
              <YAxis width={32} allowDecimals={false} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Bar dataKey="count" name="Callbacks" fill="#2563eb" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFrame>
        <section className="panel" aria-labelledby="open-heading">
          <h2 id="open-heading">Open high-intent cases</h2>
          <p className="risk">
            <strong>{d.openHighIntent.count}</strong> open · revenue at risk{' '}
            <strong>
              {money(d.revenueAtRisk.low, d.revenueAtRisk.currency)}–
              {money(d.revenueAtRisk.high, d.revenueAtRisk.currency)}
            </strong>
          </p>
          {d.openHighIntent.cases.length ? (
            <ol className="priority-list">
              {d.openHighIntent.cases.slice(0, 12).map((c) => (
                <li key={c.id}>
                  <Link to={`/accounts/${accountId}/cases/${encodeURIComponent(c.id)}`}>
                    {c.callerName || phone(c.callerE164)}
                  </Link>{' '}
                  <StatusTag status={c.status} />{' '}
                  <span className="muted">missed {ago(c.missedAt, new Date(), d.timezone)}</span>
                  <span className="sub">
                    priority{' '}
                    {c.priorityScore === null || c.priorityScore === undefined ? '—' : Math.round(c.priorityScore)}
                    {c.priorityFactors?.length ? ` · ${c.priorityFactors.slice(0, 2).join('; ')}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <Empty>Nothing open: every recent high-intent caller has been reached.</Empty>
          )}
        </section>
      </div>
    </>
  );
}
