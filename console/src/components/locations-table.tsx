/**
 * The operator's main table: one row per location with the decomposition layers (called back → SLA
 * met → reached → booked → won), recovery rate, callback p50/p90, its percentile among the account's
 * locations and a trend sparkline. Laggards (bottom quarter on recovery) are marked in words and
 * colour. Column headers sort; the current sort is announced with aria-sort.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RecoveryGroup } from '../api/types.ts';
import { count, money, ordinal, percent, seconds } from '../lib/format.ts';
import { isLaggard, LAYERS, sortGroups, type SortKey } from '../lib/locations.ts';
import { Sparkline } from './sparkline.tsx';

export interface LocationMeta {
  name: string;
  vertical: string | null;
}

export interface LocationsTableProps {
  accountId: string;
  groups: RecoveryGroup[];
  meta: ReadonlyMap<string, LocationMeta>;
  currency: string;
  trends: ReadonlyMap<string, Array<{ x: string; y: number | null }>>;
}

function Meter({ rate }: { rate: number | null }) {
  return (
    <span className="meter-cell">
      <span className="meter" aria-hidden="true">
        <span className="meter-fill" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
      </span>
      <span>{percent(rate)}</span>
    </span>
  );
}

export function LocationsTable({ accountId, groups, meta, currency, trends }: LocationsTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'percentile',
    direction: 'asc',
  });
  const nameOf = (id: string | null) => (id === null ? 'Unassigned' : (meta.get(id)?.name ?? id));
  const sorted = sortGroups(groups, sort.key, sort.direction, nameOf);

  const header = (key: SortKey, label: string, title?: string) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
        title={title}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ key, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Locations">
      <table className="locations-table">
        <caption>Recovery by location. Laggards are the bottom quarter of the account on recovery rate.</caption>
        <thead>
          <tr>
            {header('name', 'Location')}
            {header('missed', 'Missed')}
            {LAYERS.map((l) => header(l.rate, l.label, l.help))}
            {header('recoveryRate', 'Recovered', 'missed calls that reached a conversation')}
            {header('p50', 'Callback p50')}
            {header('p90', 'p90')}
            {header('percentile', 'Percentile', 'percentile of the recovery rate among the account\u2019s locations')}
            {header('revenue', 'Revenue')}
            <th scope="col">Trend</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((g) => {
            const laggard = isLaggard(g);
            const id = g.key;
            return (
              <tr key={id ?? 'unassigned'} className={laggard ? 'laggard' : undefined}>
                <th scope="row">
                  {id === null ? (
                    'Unassigned'
                  ) : (
                    <Link to={`/accounts/${accountId}/locations/${encodeURIComponent(id)}`}>{nameOf(id)}</Link>
                  )}
                  {laggard ? <span className="tag tag-warn">Laggard</span> : null}
                  {id !== null && meta.get(id)?.vertical ? (
                    <span className="sub">{meta.get(id)!.vertical!.replace(/_/g, ' ')}</span>
                  ) : null}
                </th>
                <td className="num">{count(g.missed)}</td>
                {LAYERS.map((l) => (
                  <td key={l.rate}>
                    <Meter rate={g[l.rate]} />
                  </td>
                ))}
                <td className="num strong">{percent(g.recoveryRate)}</td>
                <td className="num">{seconds(g.callbackSeconds.p50)}</td>
                <td className="num">{seconds(g.callbackSeconds.p90)}</td>
                <td className="num">{id === null ? '—' : ordinal(g.benchmark?.recoveryRate)}</td>
                <td className="num">{money(g.revenue, currency)}</td>
                <td>
                  {id === null ? null : (
                    <Sparkline points={trends.get(id) ?? []} label={`Recovery rate trend for ${nameOf(id)}`} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
