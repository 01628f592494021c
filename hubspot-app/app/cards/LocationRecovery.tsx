/**
 * The location card on a company record: the company is a Ringback location (linked through the
 * location's HubSpot company id in the settings), and the card shows its recovery for a period —
 * the funnel with trends, callback speed, ranks, charts, open high-intent calls and revenue at risk.
 * Data comes from `GET /hubspot/location-card`, backed by the server's `locationRecovery`.
 */
import { useCallback, useMemo, useState } from 'react';
import { Divider, EmptyState, Flex, Heading, Select, Text, hubspot } from '@hubspot/ui-extensions';
import { RingbackApi, type Fetcher } from './lib/api.ts';
import { backendOrigin } from './lib/origin.ts';
import { useResource } from './lib/use-resource.ts';
import { useServerNow, type Clock } from './lib/clock.ts';
import { DEFAULT_PERIOD, PERIODS, isPeriod, periodRange, type PeriodValue } from './lib/period.ts';
import { Loading, LoadError } from './lib/LoadStates.tsx';
import { LocationReport } from './location/LocationReport.tsx';
import { OpenCases } from './location/OpenCases.tsx';

export interface LocationRecoveryProps {
  context: { crm: { objectId: number | string }; portal: { timezone: string }; variables?: Record<string, unknown> };
  fetcher: Fetcher;
  clock?: Clock;
}

export function LocationRecoveryCard({ context, fetcher, clock = Date.now }: LocationRecoveryProps) {
  const api = useMemo(() => new RingbackApi(fetcher, backendOrigin(context)), [fetcher, context]);
  const companyId = String(context.crm.objectId);
  const [period, setPeriod] = useState<PeriodValue>(DEFAULT_PERIOD);
  const load = useCallback(
    () => api.locationCard(companyId, periodRange(period, clock())),
    [api, companyId, period, clock],
  );
  const card = useResource(load, `${companyId}:${period}`);
  // Minute ticks are enough for the open calls' SLA column.
  const now = useServerNow(undefined, clock, 60_000);

  if (card.status === 'error') return <LoadError error={card.error} onRetry={card.reload} />;
  if (!card.data) return <Loading label="Loading recovery figures…" />;
  if (!card.data.mapped) {
    const names = card.data.locations.map((l) => l.name);
    return (
      <EmptyState title="This company is not linked to a Ringback location" imageName="companies" layout="vertical">
        <Text>{`In the Ringback app settings (Locations), set a location's HubSpot company id to ${companyId}.`}</Text>
        <Text>
          {names.length ? `Your locations: ${names.join(', ')}.` : 'No locations are set up in Ringback yet.'}
        </Text>
      </EmptyState>
    );
  }
  const { recovery } = card.data;
  return (
    <Flex direction="column" gap="md">
      <Flex justify="between" align="end" wrap>
        <Heading>{recovery.vertical ? `${recovery.name} · ${recovery.vertical}` : recovery.name}</Heading>
        <Select
          label="Period"
          name="period"
          value={period}
          options={PERIODS.map((p) => ({ label: p.label, value: p.value }))}
          onChange={(v) => isPeriod(v) && setPeriod(v)}
        />
      </Flex>
      {card.status === 'loading' && <Loading label="Updating…" />}
      {recovery.summary.missed === 0 ? (
        <EmptyState title="No missed calls in this period" imageName="callingSetUp" layout="vertical">
          <Text>Every call to this location was answered, or none came in. Try a longer period.</Text>
        </EmptyState>
      ) : (
        <LocationReport recovery={recovery} />
      )}
      <Divider />
      <OpenCases recovery={recovery} now={now} timeZone={context.portal.timezone} />
    </Flex>
  );
}

hubspot.extend<'crm.record.tab'>(({ context }) => <LocationRecoveryCard context={context} fetcher={hubspot.fetch} />);
