import { describe, expect, it, vi } from 'vitest';
import {
  Button,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  Select,
  Statistics,
  StatisticsItem,
  Table,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { RingbackPages } from './Pages.tsx';
import { fail, fakeBackend, never, ok, type Route } from '../cards/fixtures/fake-backend.ts';
import { dashboard, manyLocations, noLocations } from '../cards/fixtures/dashboard.ts';
import { tableRows } from '../cards/fixtures/text.ts';
import { fire } from '../cards/fixtures/events.ts';

const NOW = Date.parse('2026-11-02T15:25:55.000Z');
const DAY = 86_400_000;

function setup(routes: Record<string, Route>) {
  const r = createRenderer('pages');
  const backend = fakeBackend(routes);
  r.render(
    <RingbackPages context={r.mocks.context} actions={r.mocks.actions} fetcher={backend.fetcher} clock={() => NOW} />,
  );
  return { r, backend };
}

const names = (r: ReturnType<typeof createRenderer>) =>
  tableRows(r.findByTestId(Table, 'locations')).map((row) => row[0]);
const header = (r: ReturnType<typeof createRenderer>, label: string) => r.find(TableHeader, (h) => h.text === label);
const select = (r: ReturnType<typeof createRenderer>, name: string) => r.find(Select, { name });

describe('app home page (operator dashboard)', () => {
  it('shows a spinner under the filters while Ringback answers, having asked for the last 30 days', async () => {
    const { r, backend } = setup({ 'GET /hubspot/dashboard': never() });
    await vi.waitFor(() => expect(backend.calls).toHaveLength(1));
    expect(r.find(PageTitle).text).toBe('Missed-call recovery');
    expect(r.find(LoadingSpinner).props.label).toBe('Loading your locations…');
    expect(backend.calls[0]!.query).toEqual({
      from: new Date(NOW - 30 * DAY).toISOString(),
      to: new Date(NOW).toISOString(),
    });
    expect(select(r, 'source').props.options).toEqual([{ label: 'All sources', value: '' }]);
  });

  it('shows a failure and tries again', async () => {
    const { r, backend } = setup({
      'GET /hubspot/dashboard': fail(
        503,
        'hubspot_app_not_configured',
        'set hubspotApp.clientSecret in the config file to serve the HubSpot app',
      ),
    });
    await r.waitFor(() =>
      expect(r.find(ErrorState).props.title).toBe('Ringback is not set up for the HubSpot app yet'),
    );
    backend.on('GET /hubspot/dashboard', ok(dashboard));
    r.find(Button, (b) => b.text === 'Try again').trigger('onClick');
    await r.waitFor(() => expect(names(r)).toHaveLength(6));
  });

  it('explains an account without missed calls yet', async () => {
    const { r } = setup({ 'GET /hubspot/dashboard': ok(noLocations) });
    await r.waitFor(() => expect(r.find(EmptyState).props.title).toBe('No missed calls yet'));
    expect(r.maybeFind(Table)).toBeNull();
  });

  it('lists every location worst recovery first, with laggards flagged and the rule stated', async () => {
    const { r } = setup({ 'GET /hubspot/dashboard': ok(dashboard) });
    await r.waitFor(() => expect(names(r)).toHaveLength(6));
    expect(
      r
        .findByTestId(Statistics, 'overview')
        .findAll(StatisticsItem)
        .map((i) => [i.props.label, i.props.number]),
    ).toEqual([
      ['Locations', 6],
      ['Missed calls', 297],
      ['Median recovery rate', '60%'],
      ['Laggards', 2],
    ]);
    expect(tableRows(r.findByTestId(Table, 'locations'))).toEqual([
      ['Flagstaff', 'hvac', '3', '33%', '33%', 'p8', '—', 'Under 5 calls, not ranked'],
      ['Tucson', 'hvac', '42', '45%', '52%', 'p25', '21m 00s', 'Laggard: bottom quartile'],
      ['Scottsdale', 'plumbing', '37', '48%', '49%', 'p42', '5m 00s', 'Laggard: far below median'],
      ['Mesa', 'plumbing', '61', '60%', '70%', 'p58', '5m 00s', 'On track'],
      ['Chandler', 'electrical', '55', '68%', '81%', 'p75', '5m 00s', 'On track'],
      ['Phoenix', 'hvac', '99', '77%', '84%', 'p92', '4m 10s', 'On track'],
    ]);
    const rows = r.findByTestId(Table, 'locations').findAll(TableRow).slice(1);
    expect(rows.map((row) => row.find(Tag).props.variant)).toEqual(
      ['default', 'error', 'error', 'success', 'success', 'success'].map((v) => (v === 'default' ? undefined : v)),
    );
    expect(rows.map((row) => row.maybeFind(Text, (t) => t.props.format?.fontWeight === 'bold')?.text ?? null)).toEqual([
      null,
      'Tucson',
      'Scottsdale',
      null,
      null,
      null,
    ]);
    expect(r.findByTestId(Text, 'laggard-rule').text).toBe(
      'Laggard: at least 5 missed calls, and a recovery rate in the bottom quartile of your locations (percentile 25 or lower) or more than 10 points below the median (60%).',
    );
    expect(header(r, 'Recovery rate').props).toMatchObject({ sortDirection: 'ascending' });
  });

  it('sorts by percentile, SLA met and recovery rate in either direction', async () => {
    const { r } = setup({ 'GET /hubspot/dashboard': ok(dashboard) });
    await r.waitFor(() => expect(names(r)).toHaveLength(6));
    fire(header(r, 'Percentile'), 'onSortChange', 'descending');
    await r.waitFor(() =>
      expect(names(r)).toEqual(['Phoenix', 'Chandler', 'Mesa', 'Scottsdale', 'Tucson', 'Flagstaff']),
    );
    expect(header(r, 'Percentile').props).toMatchObject({ sortDirection: 'descending' });
    expect(header(r, 'Recovery rate').props).toMatchObject({ sortDirection: 'none' });
    fire(header(r, 'SLA met'), 'onSortChange', 'ascending');
    await r.waitFor(() =>
      expect(names(r)).toEqual(['Flagstaff', 'Scottsdale', 'Tucson', 'Mesa', 'Chandler', 'Phoenix']),
    );
    fire(header(r, 'Recovery rate'), 'onSortChange', 'descending');
    await r.waitFor(() =>
      expect(names(r)).toEqual(['Phoenix', 'Chandler', 'Mesa', 'Scottsdale', 'Tucson', 'Flagstaff']),
    );
  });

  it('filters by source, vertical and period through the backend', async () => {
    const { r, backend } = setup({ 'GET /hubspot/dashboard': ok(dashboard) });
    await r.waitFor(() => expect(names(r)).toHaveLength(6));
    expect(select(r, 'source').props.options.map((o) => o.label)).toEqual([
      'All sources',
      'Direct',
      'Google Ads',
      'Yelp',
    ]);
    expect(select(r, 'vertical').props.options.map((o) => o.label)).toEqual([
      'All verticals',
      'electrical',
      'hvac',
      'plumbing',
    ]);

    const hvac = { ...dashboard, locations: dashboard.locations.filter((l) => l.vertical === 'hvac') };
    backend.on('GET /hubspot/dashboard', (call) => ok(call.query.source ? { ...hvac, locations: [] } : hvac));
    fire(select(r, 'vertical'), 'onChange', 'hvac');
    await r.waitFor(() => expect(names(r)).toEqual(['Flagstaff', 'Tucson', 'Phoenix']));
    fire(select(r, 'source'), 'onChange', 'Google Ads');
    await r.waitFor(() => expect(r.find(EmptyState).props.title).toBe('No missed calls match these filters'));
    fire(select(r, 'period'), 'onChange', '7d');
    await vi.waitFor(() => expect(backend.calls).toHaveLength(4));
    expect(backend.calls.map((c) => c.query)).toEqual([
      { from: new Date(NOW - 30 * DAY).toISOString(), to: new Date(NOW).toISOString() },
      { from: new Date(NOW - 30 * DAY).toISOString(), to: new Date(NOW).toISOString(), vertical: 'hvac' },
      {
        from: new Date(NOW - 30 * DAY).toISOString(),
        to: new Date(NOW).toISOString(),
        source: 'Google Ads',
        vertical: 'hvac',
      },
      {
        from: new Date(NOW - 7 * DAY).toISOString(),
        to: new Date(NOW).toISOString(),
        source: 'Google Ads',
        vertical: 'hvac',
      },
    ]);
    expect(select(r, 'source').props.value).toBe('Google Ads');
  });

  it('never lets a slow answer for old filters replace the answer for the current ones', async () => {
    let releaseFirst: (a: { status: number; body: unknown }) => void = () => {};
    const { r, backend } = setup({
      'GET /hubspot/dashboard': (call) =>
        call.query.vertical
          ? ok({ ...dashboard, locations: dashboard.locations.filter((l) => l.vertical === call.query.vertical) })
          : new Promise((res) => (releaseFirst = res)),
    });
    await vi.waitFor(() => expect(backend.calls).toHaveLength(1));
    fire(select(r, 'vertical'), 'onChange', 'electrical');
    await r.waitFor(() => expect(names(r)).toEqual(['Chandler']));
    releaseFirst(ok(dashboard));
    // The stale answer settles in microtasks only (no timers in the fake backend): one macrotask
    // turn lets it run to the end, so a missing staleness check would show here.
    await new Promise((res) => setImmediate(res));
    expect(names(r)).toEqual(['Chandler']);
  });

  it('pages through many locations, 25 at a time', async () => {
    const { r } = setup({ 'GET /hubspot/dashboard': ok(manyLocations) });
    await r.waitFor(() => expect(names(r)).toHaveLength(25));
    const table = () => r.findByTestId(Table, 'locations');
    expect(table().props).toMatchObject({ paginated: true, pageCount: 3, page: 1 });
    expect(names(r)[0]).toBe('Location 00');
    fire(table(), 'onPageChange', 3);
    await r.waitFor(() => expect(names(r)).toHaveLength(10));
    expect(names(r)[0]).toBe('Location 50');
    fire(header(r, 'Recovery rate'), 'onSortChange', 'descending');
    await r.waitFor(() => expect(names(r)[0]).toBe('Location 59'));
    expect(table().props).toMatchObject({ page: 1 });
  });

  it('routes the app home to the dashboard and other paths to HubSpot’s not-found page', async () => {
    const { r } = setup({ 'GET /hubspot/dashboard': ok(dashboard) });
    await r.waitFor(() => expect(names(r)).toHaveLength(6));
    r.mocks.setPageLocation({ path: '/missing', params: {} });
    await r.waitFor(() => expect(r.find(EmptyState).props.title).toBe('Page not found'));
    expect(r.maybeFind(Table)).toBeNull();
  });
});
