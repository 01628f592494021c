import { describe, expect, it, vi } from 'vitest';
import {
  BarChart,
  Button,
  EmptyState,
  ErrorState,
  Heading,
  LineChart,
  LoadingSpinner,
  Select,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  Table,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { LocationRecoveryCard } from './LocationRecovery.tsx';
import { fail, fakeBackend, never, ok, type Route } from './fixtures/fake-backend.ts';
import { mapped, NOW, quietWeek, unmapped } from './fixtures/location-card.ts';
import { tableRows, textOf } from './fixtures/text.ts';
import { fire } from './fixtures/events.ts';

function setup(routes: Record<string, Route>) {
  const r = createRenderer('crm.record.tab');
  const backend = fakeBackend(routes);
  const context = { ...r.mocks.context, crm: { objectId: 8801, objectTypeId: '0-2' } };
  r.render(<LocationRecoveryCard context={context} fetcher={backend.fetcher} clock={() => Date.parse(NOW)} />);
  return { r, backend };
}

const rows = tableRows;

const DAY = 86_400_000;

describe('location card', () => {
  it('shows a spinner while Ringback answers, having asked for this company over the last 30 days', async () => {
    const { r, backend } = setup({ 'GET /hubspot/location-card': never() });
    await vi.waitFor(() => expect(backend.calls).toHaveLength(1));
    expect(r.find(LoadingSpinner).props.label).toBe('Loading recovery figures…');
    expect(backend.calls[0]!.query).toEqual({
      objectId: '8801',
      from: new Date(Date.parse(NOW) - 30 * DAY).toISOString(),
      to: NOW,
    });
  });

  it('explains a request Ringback could not verify, and tries again', async () => {
    const { r, backend } = setup({
      'GET /hubspot/location-card': fail(
        401,
        'hubspot_bad_signature',
        'the request is not signed by HubSpot for this app',
      ),
    });
    await r.waitFor(() => expect(r.find(ErrorState).props.title).toBe('Ringback could not verify this request'));
    backend.on('GET /hubspot/location-card', ok(mapped));
    r.find(Button, (b) => b.text === 'Try again').trigger('onClick');
    await r.waitFor(() => expect(r.find(Heading).text).toBe('Phoenix · hvac'));
  });

  it('tells how to link a company that is not a Ringback location', async () => {
    const { r } = setup({ 'GET /hubspot/location-card': ok(unmapped) });
    await r.waitFor(() =>
      expect(r.find(EmptyState).props.title).toBe('This company is not linked to a Ringback location'),
    );
    expect(
      r
        .find(EmptyState)
        .findAll(Text)
        .map((t) => t.text),
    ).toEqual([
      "In the Ringback app settings (Locations), set a location's HubSpot company id to 8801.",
      'Your locations: Phoenix, Tucson.',
    ]);
  });

  it('shows each funnel rate with its trend against the previous period', async () => {
    const { r } = setup({ 'GET /hubspot/location-card': ok(mapped) });
    await r.waitFor(() => expect(r.findByTestId(Statistics, 'rates')).toBeTruthy());
    const items = r.findByTestId(Statistics, 'rates').findAll(StatisticsItem);
    expect(items.map((i) => [i.props.label, i.props.number])).toEqual([
      ['Missed calls', 99],
      ['Called back (of missed calls)', '89%'],
      ['Within SLA (of missed calls)', '84%'],
      ['Reached (of calls back)', '86%'],
      ['Booked (of reached)', '41%'],
      ['Won (of booked)', '71%'],
      ['Recovery rate (reached of missed)', '77%'],
    ]);
    expect(items.map((i) => i.find(StatisticsTrend).props)).toEqual([
      expect.objectContaining({ direction: 'increase', color: 'red', value: '11 vs previous period' }),
      expect.objectContaining({ direction: 'increase', color: 'green', value: '+9.3 pts' }),
      expect.objectContaining({ direction: 'increase', color: 'green', value: '+25.9 pts' }),
      expect.objectContaining({ direction: 'increase', color: 'green', value: '+23.5 pts' }),
      expect.objectContaining({ direction: 'decrease', color: 'red', value: '−4.7 pts' }),
      expect.objectContaining({ direction: 'increase', color: 'green', value: '+16.0 pts' }),
      expect.objectContaining({ direction: 'increase', color: 'green', value: '+26.8 pts' }),
    ]);
    const speed = r.findByTestId(Statistics, 'speed').findAll(StatisticsItem);
    expect(speed.map((i) => [i.props.label, i.props.number])).toEqual([
      ['Callback time, median', '4m 10s'],
      ['Callback time, 90th percentile', '1h 30m'],
      ['Revenue recovered', '$7,700'],
    ]);
  });

  it('ranks the location among the operator’s locations and its vertical, flagging the bottom quartile', async () => {
    const { r } = setup({ 'GET /hubspot/location-card': ok(mapped) });
    await r.waitFor(() => expect(r.findByTestId(Table, 'benchmarks')).toBeTruthy());
    expect(rows(r.findByTestId(Table, 'benchmarks'))).toEqual([
      ['Called back', '89%', 'p83', 'p75'],
      ['Within SLA', '84%', 'p67', 'p50'],
      ['Reached', '86%', 'p50', 'p38'],
      ['Booked', '41%', 'p17 · bottom quartile', 'p13 · bottom quartile'],
      ['Won', '71%', 'p58', 'p63'],
      ['Recovery rate', '77%', 'p75', 'p63'],
    ]);
    expect(
      r
        .findByTestId(Table, 'benchmarks')
        .findAll(Tag)
        .map((t) => t.props.variant),
    ).toEqual(['error', 'error']);
    expect(textOf(r.findByTestId(Table, 'benchmarks'))).toContain('Among hvac locations');
  });

  it('charts the daily recovery rate (days without calls left out), the funnel and callback delays', async () => {
    const { r } = setup({ 'GET /hubspot/location-card': ok(mapped) });
    await r.waitFor(() => expect(r.findByTestId(LineChart, 'daily-recovery')).toBeTruthy());
    const line = r.findByTestId(LineChart, 'daily-recovery').props;
    const points = line.data as Array<{ date: string; recoveryRate: number }>;
    expect(points).toHaveLength(27);
    expect(points.slice(0, 3)).toEqual([
      { date: '2026-10-03', recoveryRate: 50 },
      { date: '2026-10-04', recoveryRate: 100 },
      { date: '2026-10-06', recoveryRate: 80 },
    ]);
    expect(line.axes).toMatchObject({ x: { field: 'date' }, y: { field: 'recoveryRate', label: 'Recovery rate (%)' } });
    expect(r.findByTestId(BarChart, 'funnel').props.data).toEqual([
      { stage: 'Missed', calls: 99 },
      { stage: 'Called back', calls: 88 },
      { stage: 'Within SLA', calls: 83 },
      { stage: 'Reached', calls: 76 },
      { stage: 'Booked', calls: 31 },
      { stage: 'Won', calls: 22 },
    ]);
    expect(r.findByTestId(BarChart, 'callback-delays').props.data).toEqual([
      { delay: '0-5m', calls: 41 },
      { delay: '5-15m', calls: 22 },
      { delay: '15-60m', calls: 12 },
      { delay: '1-4h', calls: 7 },
      { delay: '4h+', calls: 4 },
    ]);
  });

  it('lists open high-intent calls by priority with their SLA, and the revenue they put at risk', async () => {
    const { r } = setup({ 'GET /hubspot/location-card': ok(mapped) });
    await r.waitFor(() => expect(r.findByTestId(Table, 'open-cases')).toBeTruthy());
    expect(
      r
        .findByTestId(Statistics, 'at-risk')
        .findAll(StatisticsItem)
        .map((i) => [i.props.label, i.props.number]),
    ).toEqual([
      ['Open high-intent calls', 3],
      ['Revenue at risk', '$900 – $2,400'],
    ]);
    expect(rows(r.findByTestId(Table, 'open-cases'))).toEqual([
      ['Luis Ortega', 'Nov 2, 10:05 AM', 'Voicemail', '81.2', 'SLA breached by 5 min'],
      ['+16025550100', 'Nov 2, 10:15 AM', 'Voicemail', '64', 'Call back within 4:05'],
    ]);
    expect(textOf(r.getRootNode())).toContain('Showing the 2 with the highest priority.');
  });

  it('reloads for another period and says when it had no missed calls', async () => {
    const { r, backend } = setup({ 'GET /hubspot/location-card': ok(mapped) });
    await r.waitFor(() => expect(r.find(Select).props.value).toBe('30d'));
    backend.on('GET /hubspot/location-card', ok(quietWeek));
    fire(r.find(Select), 'onChange', '7d');
    await r.waitFor(() => expect(r.find(EmptyState).props.title).toBe('No missed calls in this period'));
    expect(backend.calls.at(-1)!.query).toEqual({
      objectId: '8801',
      from: new Date(Date.parse(NOW) - 7 * DAY).toISOString(),
      to: NOW,
    });
    expect(r.find(Select).props.value).toBe('7d');
    expect(r.maybeFind(LineChart)).toBeNull();
    expect(textOf(r.getRootNode())).toContain('No high-intent call is waiting for a callback.');
    expect(r.findByTestId(Statistics, 'at-risk').findAll(StatisticsItem)[1]!.props.number).toBe('$0');
  });
});
