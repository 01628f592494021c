/**
 * The app home page: the operator dashboard. Every location's recovery for the period, ranked
 * within the account, with laggards flagged by the backend's rule (stated on the page), filtered
 * by period, call source and vertical. Data from `GET /hubspot/dashboard`.
 */
import { useCallback, useState } from 'react';
import { EmptyState, Flex, Select, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { useRingback } from './ringback-context.ts';
import { useResource } from './lib/use-resource.ts';
import { DEFAULT_PERIOD, PERIODS, isPeriod, periodRange, type PeriodValue } from './lib/period.ts';
import { percent } from './lib/format.ts';
import { Loading, LoadError } from './lib/LoadStates.tsx';
import type { DashboardResponse } from './lib/types.ts';
import { LocationTable } from './LocationTable.tsx';

interface Filters {
  period: PeriodValue;
  source: string;
  vertical: string;
}

const ALL = '';

export function Dashboard() {
  const { api, clock } = useRingback();
  const [filters, setFilters] = useState<Filters>({ period: DEFAULT_PERIOD, source: ALL, vertical: ALL });
  const load = useCallback(() => {
    const q: { from: string; to: string; source?: string; vertical?: string } = periodRange(filters.period, clock());
    if (filters.source) q.source = filters.source;
    if (filters.vertical) q.vertical = filters.vertical;
    return api.dashboard(q);
  }, [api, clock, filters]);
  const board = useResource(load, JSON.stringify(filters));
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <Flex direction="column" gap="md">
      <PageTitle>Missed-call recovery</PageTitle>
      <FilterBar filters={filters} options={board.data?.filters} onChange={set} />
      {board.status === 'error' ? (
        <LoadError error={board.error} onRetry={board.reload} />
      ) : !board.data ? (
        <Loading label="Loading your locations…" />
      ) : (
        <Board
          data={board.data}
          filtered={Boolean(filters.source || filters.vertical)}
          updating={board.status === 'loading'}
        />
      )}
    </Flex>
  );
}

function FilterBar({
  filters,
  options,
  onChange,
}: {
  filters: Filters;
  options: DashboardResponse['filters'] | undefined;
  onChange: (patch: Partial<Filters>) => void;
}) {
  // The current choice stays selectable even if the latest answer no longer lists it.
  const withCurrent = (values: string[] = [], current: string) =>
    current && !values.includes(current) ? [...values, current] : values;
  return (
    <Flex gap="sm" wrap>
      <Select
        label="Period"
        name="period"
        value={filters.period}
        options={PERIODS.map((p) => ({ label: p.label, value: p.value }))}
        onChange={(v) => isPeriod(v) && onChange({ period: v })}
      />
      <Select
        label="Source"
        name="source"
        value={filters.source}
        options={[
          { label: 'All sources', value: ALL },
          ...withCurrent(options?.sources, filters.source).map((s) => ({ label: s, value: s })),
        ]}
        onChange={(v) => onChange({ source: String(v) })}
      />
      <Select
        label="Vertical"
        name="vertical"
        value={filters.vertical}
        options={[
          { label: 'All verticals', value: ALL },
          ...withCurrent(options?.verticals, filters.vertical).map((s) => ({ label: s, value: s })),
        ]}
        onChange={(v) => onChange({ vertical: String(v) })}
      />
    </Flex>
  );
}

function Board({ data, filtered, updating }: { data: DashboardResponse; filtered: boolean; updating: boolean }) {
  const { locations, laggardRule: rule } = data;
  if (locations.length === 0) {
    return filtered ? (
      <EmptyState title="No missed calls match these filters" imageName="emptyStateCharts" layout="vertical">
        <Text>Choose another source or vertical, or a longer period.</Text>
      </EmptyState>
    ) : (
      <EmptyState title="No missed calls yet" imageName="callingSetUp" layout="vertical">
        <Text>
          Once your call-tracking provider sends missed calls to Ringback (see the app settings for its webhook URL),
          every location shows here.
        </Text>
      </EmptyState>
    );
  }
  const laggards = locations.filter((l) => l.laggard).length;
  return (
    <Flex direction="column" gap="sm">
      {updating && <Loading label="Updating…" />}
      <Statistics testId="overview">
        <StatisticsItem label="Locations" number={locations.length} />
        <StatisticsItem label="Missed calls" number={locations.reduce((n, l) => n + l.missed, 0)} />
        <StatisticsItem label="Median recovery rate" number={percent(data.median.recoveryRate)} />
        <StatisticsItem label="Laggards" number={laggards} />
      </Statistics>
      <Text variant="microcopy" testId="laggard-rule">
        {`Laggard: at least ${rule.minCases} missed calls, and a recovery rate in the bottom quartile of your locations ` +
          `(percentile ${rule.bottomPercentile} or lower) or more than ${Math.round(rule.medianMargin * 100)} points below the median (${percent(data.median.recoveryRate)}).`}
      </Text>
      <LocationTable rows={locations} minCases={rule.minCases} />
    </Flex>
  );
}
