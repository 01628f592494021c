/** Webhook events of both formats (legacy `deal.*`, developer-platform `object.*`) read back as outcomes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestHarness } from '../../../../emulators/src/hubspot/testing.ts';
import { createLogger } from '../../lib/logger.ts';
import { Metrics } from '../../lib/metrics.ts';
import { RateBudget } from '../rate-budget.ts';
import { HubSpotClient } from './client.ts';
import { DISPOSITION } from './engagement-properties.ts';
import { outcomesForEvent } from './outcomes.ts';

describe('outcomesForEvent', () => {
  let hs: TestHarness;
  let client: HubSpotClient;
  beforeAll(async () => {
    hs = await startTestEmulator();
    client = new HubSpotClient({
      baseUrl: hs.url,
      budget: new RateBudget({ redis: null, prefix: 'unit', defaultPerSecond: { general: 50, search: 5 } }),
      budgetKey: 'unit',
      tokens: { current: async () => hs.token, refreshAfterRejection: async () => null },
      logger: createLogger('silent'),
      metrics: new Metrics(),
    });
  });
  afterAll(async () => {
    await hs?.close();
  });

  const event = (subscriptionType: string, objectId: string, extra: Record<string, string> = {}) => ({ eventId: 1, portalId: hs.portalId, objectId, subscriptionType, occurredAt: Date.now(), ...extra });

  it('reads deals, calls and meetings named by developer-platform object events', async () => {
    const state = hs.emulator.state;
    const contact = state.createObject(hs.portalId, 'contacts', { phone: '+16025550999' });
    const to = [{ toType: 'contacts', toId: contact.id }];
    const deal = state.createObject(hs.portalId, 'deals', { dealname: 'Job', dealstage: 'closedwon', amount: '900', closedate: '2026-03-05T10:00:00Z' }, to);
    const created = await outcomesForEvent(client, event('object.creation', deal.id, { objectTypeId: '0-3' }));
    expect(created.map((o) => o.externalId).sort()).toEqual([`deal:${deal.id}:created`, `deal:${deal.id}:won`]);
    const staged = await outcomesForEvent(client, event('object.propertyChange', deal.id, { objectTypeId: '0-3', propertyName: 'dealstage', propertyValue: 'closedwon' }));
    expect(staged).toEqual([expect.objectContaining({ type: 'revenue', amount: 900, personId: contact.id })]);

    const call = state.createObject(hs.portalId, 'calls', { hs_timestamp: '2026-03-05T09:00:00Z', hs_call_direction: 'OUTBOUND', hs_call_disposition: DISPOSITION.connected, hs_call_duration: '61000' }, to);
    const dispositioned = await outcomesForEvent(client, event('object.propertyChange', call.id, { objectTypeId: '0-48', propertyName: 'hs_call_disposition' }));
    expect(dispositioned).toEqual([expect.objectContaining({ externalId: `call:${call.id}:connected`, type: 'contact', talkSeconds: 61 })]);

    const meeting = state.createObject(hs.portalId, 'meetings', { hs_timestamp: '2026-03-06T09:00:00Z' }, to);
    expect(await outcomesForEvent(client, event('object.creation', meeting.id, { objectTypeId: '0-47' }))).toEqual([expect.objectContaining({ type: 'booking', personId: contact.id })]);

    expect(await outcomesForEvent(client, event('contact.creation', contact.id))).toEqual([]);
    expect(await outcomesForEvent(client, event('object.creation', '999999', { objectTypeId: '0-48' }))).toEqual([]);
  });
});
