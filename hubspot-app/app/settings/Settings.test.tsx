import { describe, expect, it, vi } from 'vitest';
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Input,
  LoadingSpinner,
  Tab,
  Table,
  Tag,
  Text,
  TextArea,
  Tile,
} from '@hubspot/ui-extensions';
import { createRenderer, type Renderer } from '@hubspot/ui-extensions/testing';
import { SettingsPage } from './Settings.tsx';
import { fail, fakeBackend, never, ok, type Route } from '../cards/fixtures/fake-backend.ts';
import { freshAccount, settings } from '../cards/fixtures/settings.ts';
import { tableRows, textOf } from '../cards/fixtures/text.ts';
import { fire } from '../cards/fixtures/events.ts';
import type { SettingsResponse } from '../cards/lib/types.ts';

function setup(routes: Record<string, Route>) {
  const r = createRenderer('settings');
  const backend = fakeBackend(routes);
  r.render(<SettingsPage context={r.mocks.context} actions={r.mocks.actions} fetcher={backend.fetcher} />);
  return { r, backend };
}

type R = Renderer<'settings'>;
const input = (r: R, name: string) => r.find(Input, { name });
const type = (r: R, name: string, value: string) => fire(input(r, name), 'onChange', value);
const click = (r: R, testId: string) => r.findByTestId(Button, testId).trigger('onClick');
const puts = <T extends { method: string }>(calls: T[]) => calls.filter((c) => c.method === 'PUT');
const alerts = (r: R) => r.mocks.actions.addAlert.calls.map(([a]) => a);

describe('settings page', () => {
  it('shows a spinner while Ringback answers', async () => {
    const { r, backend } = setup({ 'GET /hubspot/settings': never() });
    await vi.waitFor(() => expect(backend.calls).toHaveLength(1));
    expect(r.find(LoadingSpinner).props.label).toBe('Loading settings…');
  });

  it('explains an unconnected portal and tries again', async () => {
    const { r, backend } = setup({
      'GET /hubspot/settings': fail(
        404,
        'portal_not_connected',
        'no Ringback account is connected to HubSpot portal 123',
      ),
    });
    await r.waitFor(() =>
      expect(r.find(ErrorState).props.title).toBe('This HubSpot account is not connected to Ringback'),
    );
    backend.on('GET /hubspot/settings', ok(settings));
    r.find(Button, (b) => b.text === 'Try again').trigger('onClick');
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(4));
  });

  it('starts a fresh account with every source unset and no locations', async () => {
    const { r } = setup({ 'GET /hubspot/settings': ok(freshAccount) });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(4));
    expect(r.findAll(Tile).map((t) => t.find(Tag).text)).toEqual([
      'Not set up',
      'Not set up',
      'Not set up',
      'Not set up',
    ]);
    expect(r.find(EmptyState).props.title).toBe('No locations yet');
    expect(r.maybeFind(Alert)).toBeNull();
    expect(r.findAll(Tab).map((t) => t.props.title)).toEqual(['Call tracking', 'Locations', 'SLA policy']);
  });

  it('shows each source’s webhook URL and whether its key is set, never the key', async () => {
    const { r } = setup({ 'GET /hubspot/settings': ok(settings) });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(4));
    expect(r.findByTestId(Text, 'webhook-callrail').text).toBe(
      'https://ringback.example.com/webhooks/callrail/desert-air',
    );
    expect(r.findByTestId(Tile, 'provider-callrail').find(Tag).text).toBe('Key set');
    expect(r.findByTestId(Tile, 'provider-twilio').find(Tag).text).toBe('Not set up');
    expect(input(r, 'callrail.signingKey').props).toMatchObject({
      type: 'password',
      value: '',
      required: true,
      label: 'Signing key',
    });
    expect(input(r, 'callrail.accountId').props).toMatchObject({ type: 'text', label: 'Account id' });
    click(r, 'copy-twilio');
    await vi.waitFor(() =>
      expect(r.mocks.actions.copyTextToClipboard.calls).toEqual([
        ['https://ringback.example.com/webhooks/twilio/desert-air'],
      ]),
    );
  });

  it('saves a signing key, then shows the source as set and clears the field', async () => {
    const after: SettingsResponse = {
      ...settings,
      callTracking: settings.callTracking.map((p) => (p.provider === 'twilio' ? { ...p, configured: true } : p)),
    };
    const { r, backend } = setup({
      'GET /hubspot/settings': ok(settings),
      'PUT /hubspot/settings/call-tracking/twilio': ok(after),
    });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(4));
    type(r, 'twilio.authToken', '  4f1c9e0b7a  ');
    await r.waitFor(() => expect(input(r, 'twilio.authToken').props.value).toBe('  4f1c9e0b7a  '));
    click(r, 'save-twilio');
    await r.waitFor(() => expect(r.findByTestId(Tile, 'provider-twilio').find(Tag).text).toBe('Key set'));
    expect(puts(backend.calls)).toEqual([
      { method: 'PUT', path: '/hubspot/settings/call-tracking/twilio', query: {}, body: { authToken: '4f1c9e0b7a' } },
    ]);
    expect(input(r, 'twilio.authToken').props.value).toBe('');
    expect(alerts(r)).toEqual([{ type: 'success', title: 'Saved', message: 'Twilio credentials saved.' }]);
  });

  it('asks for a required key before sending anything', async () => {
    const { r, backend } = setup({ 'GET /hubspot/settings': ok(settings) });
    await r.waitFor(() => expect(r.findAll(Tile)).toHaveLength(4));
    type(r, 'callrail.apiKey', 'rk_live_2');
    click(r, 'save-callrail');
    await r.waitFor(() =>
      expect(input(r, 'callrail.signingKey').props).toMatchObject({ error: true, validationMessage: 'Required' }),
    );
    expect(puts(backend.calls)).toEqual([]);
  });

  it('lists locations with their numbers, company, hours and owners', async () => {
    const { r } = setup({ 'GET /hubspot/settings': ok(settings) });
    await r.waitFor(() => expect(r.findByTestId(Table, 'locations')).toBeTruthy());
    expect(tableRows(r.findByTestId(Table, 'locations'))).toEqual([
      [
        'Phoenix (phoenix, America/Phoenix)',
        '+16025550100, +16025550101',
        '8801',
        'Mon 07:00-18:00 · Tue 07:00-18:00 · Wed 07:00-18:00 · Thu 07:00-18:00 · Fri 07:00-18:00 · Sat 08:00-12:00',
        '71234, 71235',
        'Edit',
      ],
      ['Tucson (tucson, America/Phoenix)', '+15205550142', 'Not linked', 'Always open', 'None', 'Edit'],
    ]);
  });

  it('edits a location: tracking numbers, company, hours and owners go to the backend', async () => {
    const after: SettingsResponse = {
      ...settings,
      locations: [
        settings.locations[0]!,
        { ...settings.locations[1]!, crmRecordId: '8802', trackingNumbers: ['+15205550142', '+15205550143'] },
      ],
    };
    const { r, backend } = setup({
      'GET /hubspot/settings': ok(settings),
      'PUT /hubspot/settings/locations/tucson': ok(after),
    });
    await r.waitFor(() => expect(r.findByTestId(Table, 'locations')).toBeTruthy());
    click(r, 'edit-tucson');
    await r.waitFor(() => expect(input(r, 'name').props.value).toBe('Tucson'));
    fire(r.find(TextArea, { name: 'trackingNumbers' }), 'onChange', '+15205550142\n+1 (520) 555-0143');
    type(r, 'crmRecordId', '8802');
    type(r, 'owners', '71240, 71241');
    type(r, 'hours.mon', '08:00-12:00, 13:00-17:00');
    type(r, 'hours.sat', '09:00-12:00');
    await r.waitFor(() => expect(input(r, 'hours.sat').props.value).toBe('09:00-12:00'));
    click(r, 'save-location');
    await r.waitFor(() => expect(tableRows(r.findByTestId(Table, 'locations'))[1]![2]).toBe('8802'));
    expect(puts(backend.calls)).toEqual([
      {
        method: 'PUT',
        path: '/hubspot/settings/locations/tucson',
        query: {},
        body: {
          name: 'Tucson',
          timezone: 'America/Phoenix',
          vertical: 'hvac',
          trackingNumbers: ['+15205550142', '+1 (520) 555-0143'],
          crmRecordId: '8802',
          owners: ['71240', '71241'],
          unavailableOwners: [],
          holidays: [],
          businessHours: { mon: '08:00-12:00, 13:00-17:00', sat: '09:00-12:00' },
        },
      },
    ]);
    expect(alerts(r)).toEqual([{ type: 'success', title: 'Saved', message: 'Tucson saved.' }]);
  });

  it('adds a location in the account’s time zone, checking its id and hours first', async () => {
    const { r, backend } = setup({
      'GET /hubspot/settings': ok(freshAccount),
      'PUT /hubspot/settings/locations/boulder': ok(freshAccount),
    });
    await r.waitFor(() => expect(r.find(EmptyState)).toBeTruthy());
    click(r, 'add-location');
    await r.waitFor(() => expect(input(r, 'timezone').props.value).toBe('America/Denver'));
    type(r, 'id', 'Boulder');
    type(r, 'hours.tue', '9-5');
    click(r, 'save-location');
    await r.waitFor(() => expect(input(r, 'id').props.error).toBe(true));
    expect(input(r, 'name').props.validationMessage).toBe('Required');
    expect(input(r, 'hours.tue').props.validationMessage).toBe('Tuesday: HH:MM-HH:MM, comma-separated for breaks');
    expect(puts(backend.calls)).toEqual([]);
    type(r, 'id', 'boulder');
    type(r, 'name', 'Boulder');
    type(r, 'hours.tue', '09:00-17:00');
    await r.waitFor(() => expect(input(r, 'hours.tue').props.value).toBe('09:00-17:00'));
    click(r, 'save-location');
    await vi.waitFor(() => expect(puts(backend.calls)).toHaveLength(1));
    expect(puts(backend.calls)[0]).toMatchObject({
      path: '/hubspot/settings/locations/boulder',
      body: { name: 'Boulder', timezone: 'America/Denver', businessHours: { tue: '09:00-17:00' } },
    });
  });

  it('shows the backend’s refusal and keeps the form open', async () => {
    const { r } = setup({
      'GET /hubspot/settings': ok(settings),
      'PUT /hubspot/settings/locations/phoenix': fail(
        400,
        'invalid_settings',
        'timezone: unknown IANA time zone America/Phoenx',
      ),
    });
    await r.waitFor(() => expect(r.findByTestId(Table, 'locations')).toBeTruthy());
    click(r, 'edit-phoenix');
    await r.waitFor(() => expect(input(r, 'name').props.value).toBe('Phoenix'));
    type(r, 'timezone', 'America/Phoenx');
    await r.waitFor(() => expect(input(r, 'timezone').props.value).toBe('America/Phoenx'));
    click(r, 'save-location');
    await r.waitFor(() => expect(r.mocks.actions.addAlert.calls).toHaveLength(1));
    expect(alerts(r)[0]).toEqual({
      type: 'danger',
      title: 'Ringback refused the request',
      message: 'timezone: unknown IANA time zone America/Phoenx (invalid_settings)',
    });
    expect(input(r, 'timezone').props.value).toBe('America/Phoenx');
  });

  it('edits the SLA policy, keeping keys it does not show and dropping blanked ones', async () => {
    const { r, backend } = setup({
      'GET /hubspot/settings': ok(settings),
      'PUT /hubspot/settings/policy': ok(settings),
    });
    await r.waitFor(() => expect(input(r, 'sla.newLead').props.value).toBe('15m'));
    expect(input(r, 'sla.existingCustomer').props).toMatchObject({ value: '', placeholder: 'Default: 4h' });
    expect(input(r, 'contactMinTalkSeconds').props.value).toBe('20');
    type(r, 'sla.newLead', '10 minutes');
    click(r, 'save-policy');
    await r.waitFor(() =>
      expect(input(r, 'sla.newLead').props.validationMessage).toBe('A duration like 30s, 15m, 4h or 7d'),
    );
    expect(puts(backend.calls)).toEqual([]);
    type(r, 'sla.newLead', '10m');
    type(r, 'sla.afterHours', '');
    type(r, 'escalation.corporateAfter', '2h');
    type(r, 'contactMinTalkSeconds', '45');
    await r.waitFor(() => expect(input(r, 'contactMinTalkSeconds').props.value).toBe('45'));
    click(r, 'save-policy');
    await vi.waitFor(() => expect(puts(backend.calls)).toHaveLength(1));
    expect(puts(backend.calls)[0]).toMatchObject({
      path: '/hubspot/settings/policy',
      body: {
        sla: { newLead: '10m' },
        contactMinTalkSeconds: 45,
        repeatDialWindow: '1h',
        escalation: { corporateAfter: '2h' },
      },
    });
    expect(Object.keys(puts(backend.calls)[0]!.body!)).not.toContain('attributionWindow');
  });

  it('warns when a config file manages the account', async () => {
    const { r } = setup({ 'GET /hubspot/settings': ok({ ...settings, fileManaged: true }) });
    await r.waitFor(() => expect(r.find(Alert).props.title).toBe('Managed by a config file'));
    expect(textOf(r.find(Alert))).toContain('replaced by the file');
  });
});
