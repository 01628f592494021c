import { describe, expect, it, vi } from 'vitest';
import {
  Button,
  EmptyState,
  ErrorState,
  Heading,
  List,
  LoadingSpinner,
  Table,
  TableCell,
  TableRow,
  Tag,
  Text,
  Tile,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ContactRecovery } from './ContactRecovery.tsx';
import { fail, fakeBackend, never, ok, type Route } from './fixtures/fake-backend.ts';
import { contactCard, noCases, openCase, SERVER_NOW } from './fixtures/contact-card.ts';
import { textOf } from './fixtures/text.ts';

type Location = 'crm.record.tab' | 'crm.record.sidebar';

/** Renders the card on contact 51 (phone property "(480) 555-1234") with a browser clock an hour slow. */
function setup(routes: Record<string, Route>, location: Location = 'crm.record.tab') {
  const r = createRenderer(location);
  const backend = fakeBackend(routes);
  let browserNow = Date.parse(SERVER_NOW) - 3_600_000;
  r.mocks.actions.fetchCrmObjectProperties.willCall(async () => ({ phone: '(480) 555-1234', mobilephone: '' }));
  const context = { ...r.mocks.context, crm: { objectId: 51, objectTypeId: '0-1' } };
  r.render(
    <ContactRecovery
      context={context}
      actions={r.mocks.actions}
      fetcher={backend.fetcher}
      clock={() => browserNow}
      tickMs={5}
    />,
  );
  return { r, backend, advance: (ms: number) => void (browserNow += ms) };
}

const gets = (calls: Array<{ method: string; path: string }>) =>
  calls.filter((c) => c.method === 'GET' && c.path === '/hubspot/contact-card');
const button = (r: ReturnType<typeof createRenderer>, testId: string) => r.findByTestId(Button, testId);

describe('contact card', () => {
  it('shows a spinner while Ringback answers, having asked for this contact and its phone number', async () => {
    const { r, backend } = setup({ 'GET /hubspot/contact-card': never() });
    // Nothing re-renders while the request hangs, so poll the backend rather than the tree.
    await vi.waitFor(() => expect(backend.calls).toHaveLength(1));
    expect(r.find(LoadingSpinner).props.label).toBe('Loading missed calls…');
    expect(backend.calls[0]).toMatchObject({
      path: '/hubspot/contact-card',
      query: { objectId: '51', phone: '(480) 555-1234' },
    });
    expect(r.maybeFind(Tile)).toBeNull();
  });

  it('says so when the contact has no missed calls', async () => {
    const { r } = setup({ 'GET /hubspot/contact-card': ok(noCases) });
    await r.waitFor(() => expect(r.find(EmptyState).props.title).toBe('No missed calls from this contact'));
    expect(r.maybeFind(Tile)).toBeNull();
    expect(r.maybeFind(LoadingSpinner)).toBeNull();
  });

  it('explains an unconnected portal and loads again on "Try again"', async () => {
    const { r, backend } = setup({
      'GET /hubspot/contact-card': fail(
        404,
        'portal_not_connected',
        'no Ringback account is connected to HubSpot portal 123',
      ),
    });
    await r.waitFor(() =>
      expect(r.find(ErrorState).props.title).toBe('This HubSpot account is not connected to Ringback'),
    );
    expect(r.find(ErrorState).props.type).toBe('support');
    backend.on('GET /hubspot/contact-card', ok(contactCard));
    r.find(Button, (b) => b.text === 'Try again').trigger('onClick');
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    expect(gets(backend.calls)).toHaveLength(2);
    expect(r.maybeFind(ErrorState)).toBeNull();
  });

  it('shows a server failure with its code', async () => {
    const { r } = setup({ 'GET /hubspot/contact-card': fail(500, 'internal', 'database unavailable') });
    await r.waitFor(() => expect(r.find(ErrorState).props.title).toBe('Ringback is having trouble'));
    expect(textOf(r.find(ErrorState))).toContain('database unavailable (internal)');
  });

  it('lists each missed call with category, location, source, time, status, owner and priority factors', async () => {
    const { r } = setup({ 'GET /hubspot/contact-card': ok(contactCard) });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    expect(r.findByTestId(Text, 'summary').text).toBe('3 missed calls, 1 waiting for a callback');
    expect(r.findAll(Heading).map((h) => h.text)).toEqual([
      'Voicemail · Phoenix',
      'No answer · Phoenix',
      'Abandoned · No location',
    ]);

    const open = r.findByTestId(Tile, 'case-mc_3');
    expect(textOf(open)).toContain('Nov 2, 10:10 AM · Source: Google Ads · New lead · called 2 times');
    expect(open.findAll(Tag).map((t) => t.text)).toEqual(['Open', 'High urgency', 'Call back within 4:05']);
    expect(textOf(open)).toContain('HubSpot owner 71234 (round robin)');
    expect(textOf(open)).toContain('72.4 / 100');
    expect(
      r
        .findByTestId(List, 'factors-mc_3')
        .findAll(Text)
        .map((t) => t.text),
    ).toEqual(openCase.priorityFactors);
    expect(textOf(open)).toContain('No callback attempts yet.');
  });

  it('shows attempts, outcomes and how late the first callback was', async () => {
    const { r } = setup({ 'GET /hubspot/contact-card': ok(contactCard) });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    const booked = r.findByTestId(Tile, 'case-mc_2');
    expect(r.findByTestId(Tag, 'sla-mc_2').text).toBe('Called back 17 min after the SLA');
    const rows = booked.find(Table).findAll(TableRow).slice(1);
    expect(rows.map((row) => row.findAll(TableCell).map((c) => c.text))).toEqual([
      ['Nov 1, 4:32 PM', 'No answer', '—'],
      ['Nov 1, 4:50 PM', 'Connected', '4m 10s'],
    ]);
    expect(
      r
        .findByTestId(List, 'outcomes-mc_2')
        .findAll(Text)
        .map((t) => t.text),
    ).toEqual(['Reached · Nov 1, 4:50 PM', 'Booked · $350 · Nov 1, 5:05 PM']);
    expect(r.findByTestId(Tag, 'sla-mc_1').text).toBe('Spam — no callback needed');
    expect(textOf(r.findByTestId(Tile, 'case-mc_1'))).toContain('Not assigned yet');
  });

  it('counts the SLA down live on the server clock, then says by how much it is breached', async () => {
    const { r, advance } = setup({ 'GET /hubspot/contact-card': ok(contactCard) });
    await r.waitFor(() => expect(r.findByTestId(Tag, 'sla-mc_3').text).toBe('Call back within 4:05'));
    advance(60_000);
    await r.waitFor(() => expect(r.findByTestId(Tag, 'sla-mc_3').text).toBe('Call back within 3:05'));
    expect(r.findByTestId(Tag, 'sla-mc_3').props.variant).toBe('warning');
    advance(15 * 60_000 + 15_000);
    await r.waitFor(() => expect(r.findByTestId(Tag, 'sla-mc_3').text).toBe('SLA breached by 12 min'));
    expect(r.findByTestId(Tag, 'sla-mc_3').props.variant).toBe('error');
  });

  it('offers only the outcomes that still make sense for each case', async () => {
    const { r } = setup({ 'GET /hubspot/contact-card': ok(contactCard) });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    const disabled = (id: string) =>
      ['booked_elsewhere', 'wrong_number', 'spam'].map((a) => Boolean(button(r, `${a}-${id}`).props.disabled));
    expect(disabled('mc_3')).toEqual([false, false, false]);
    expect(disabled('mc_2')).toEqual([true, false, false]);
    expect(disabled('mc_1')).toEqual([true, true, true]);
  });

  it('records "wrong number" on the backend, confirms it and reloads the case', async () => {
    const closed = {
      ...contactCard,
      cases: [{ ...openCase, spam: true, status: 'spam' as const }, ...contactCard.cases.slice(1)],
    };
    const { r, backend } = setup({
      'GET /hubspot/contact-card': ok(contactCard),
      'POST /hubspot/contact-card/outcomes': (call) => {
        backend.on('GET /hubspot/contact-card', ok(closed));
        return { status: 201, body: { accepted: true, changed: true, caseId: call.body?.caseId } };
      },
    });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    button(r, 'wrong_number-mc_3').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Tag, 'sla-mc_3').text).toBe('Spam — no callback needed'));
    const posts = backend.calls.filter((c) => c.method === 'POST');
    expect(posts).toEqual([
      {
        method: 'POST',
        path: '/hubspot/contact-card/outcomes',
        query: {},
        body: { caseId: 'mc_3', action: 'wrong_number' },
      },
    ]);
    expect(r.mocks.actions.addAlert.calls).toEqual([
      [{ type: 'success', title: 'Ringback', message: 'Marked as a wrong number; its follow-up task will be closed.' }],
    ]);
    expect(gets(backend.calls)).toHaveLength(2);
    expect(button(r, 'booked_elsewhere-mc_3').props.disabled).toBe(true);
  });

  it('records "booked elsewhere" and "spam" with their own action names', async () => {
    const { r, backend } = setup({
      'GET /hubspot/contact-card': ok(contactCard),
      'POST /hubspot/contact-card/outcomes': { status: 201, body: { accepted: true, changed: true } },
    });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    button(r, 'booked_elsewhere-mc_3').trigger('onClick');
    await r.waitFor(() => expect(gets(backend.calls)).toHaveLength(2));
    button(r, 'spam-mc_2').trigger('onClick');
    await r.waitFor(() => expect(gets(backend.calls)).toHaveLength(3));
    expect(backend.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { caseId: 'mc_3', action: 'booked_elsewhere' },
      { caseId: 'mc_2', action: 'spam' },
    ]);
  });

  it('tells the user when the backend refuses an outcome, and keeps the case as it was', async () => {
    const { r, backend } = setup({
      'GET /hubspot/contact-card': ok(contactCard),
      'POST /hubspot/contact-card/outcomes': fail(404, 'not_found', 'no missed call mc_3'),
    });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    button(r, 'spam-mc_3').trigger('onClick');
    await r.waitFor(() => expect(r.mocks.actions.addAlert.calls).toHaveLength(1));
    expect(r.mocks.actions.addAlert.calls[0]![0]).toEqual({
      type: 'danger',
      title: 'Ringback refused the request',
      message: 'no missed call mc_3 (not_found)',
    });
    await r.waitFor(() => expect(button(r, 'spam-mc_3').props.disabled).toBe(false));
    expect(gets(backend.calls)).toHaveLength(1);
  });

  it('falls back to the linked contact id when the phone properties cannot be read', async () => {
    const r = createRenderer('crm.record.tab');
    const backend = fakeBackend({ 'GET /hubspot/contact-card': ok(noCases) });
    r.mocks.actions.fetchCrmObjectProperties.willCall(async () => {
      throw new Error('properties unavailable');
    });
    const context = { ...r.mocks.context, crm: { objectId: 51, objectTypeId: '0-1' } };
    r.render(<ContactRecovery context={context} actions={r.mocks.actions} fetcher={backend.fetcher} />);
    await r.waitFor(() => expect(r.find(EmptyState)).toBeTruthy());
    expect(backend.calls[0]!.query).toEqual({ objectId: '51' });
  });

  it('in the sidebar, shows the latest three cases with a one-line attempt summary', async () => {
    const fourth = {
      ...openCase,
      id: 'mc_0',
      missedAt: '2026-10-01T12:00:00.000Z',
      slaDueAt: '2026-10-01T12:15:00.000Z',
      status: 'lost' as const,
    };
    const { r } = setup(
      { 'GET /hubspot/contact-card': ok({ ...contactCard, cases: [...contactCard.cases, fourth] }) },
      'crm.record.sidebar',
    );
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(3));
    expect(r.findByTestId(Text, 'summary').text).toBe(
      '4 missed calls, 1 waiting for a callback (latest 3 shown; see the record tab for all)',
    );
    expect(r.maybeFind(Table)).toBeNull();
    expect(r.findByTestId(Text, 'attempts-mc_2').text).toBe('2 callback attempts · last: Connected, Nov 1, 4:50 PM');
    expect(r.findByTestId(List, 'factors-mc_3').findAll(Text)).toHaveLength(1);
  });
});
