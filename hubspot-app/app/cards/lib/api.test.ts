import { describe, expect, it } from 'vitest';
import { RingbackApi, RingbackApiError, type FetchOptions, type Fetcher } from './api.ts';

function recording(answer: { status: number; body: unknown }) {
  const calls: Array<{ url: string; options: FetchOptions | undefined }> = [];
  const fetcher: Fetcher = async (url, options) => {
    calls.push({ url, options });
    return { ok: answer.status < 400, status: answer.status, json: async () => answer.body };
  };
  return { calls, api: new RingbackApi(fetcher, 'https://ringback.example.com') };
}

describe('RingbackApi', () => {
  it('calls the backend origin with the record id and optional filters', async () => {
    const { calls, api } = recording({ status: 200, body: { contactId: '51', now: '2026-11-02T00:00:00Z', currency: 'USD', cases: [] } });
    expect((await api.contactCard('51', '+14805551234')).contactId).toBe('51');
    await api.dashboard({ from: '2026-10-01', source: 'Google Ads', vertical: '' });
    expect(calls.map((c) => c.url)).toEqual([
      'https://ringback.example.com/hubspot/contact-card?objectId=51&phone=%2B14805551234',
      'https://ringback.example.com/hubspot/dashboard?from=2026-10-01&source=Google+Ads',
    ]);
    expect(calls[0]!.options).toMatchObject({ method: 'GET' });
  });

  it('sends outcomes and settings as JSON bodies', async () => {
    const { calls, api } = recording({ status: 201, body: { accepted: true, changed: true } });
    await api.recordOutcome('mc_1', 'wrong_number');
    await api.saveLocation('san diego', { owners: ['1'] });
    expect(calls[0]).toMatchObject({ url: 'https://ringback.example.com/hubspot/contact-card/outcomes', options: { method: 'POST', body: { caseId: 'mc_1', action: 'wrong_number' } } });
    expect(calls[1]!.url).toBe('https://ringback.example.com/hubspot/settings/locations/san%20diego');
  });

  it('turns error answers into errors with the backend code', async () => {
    const { api } = recording({ status: 404, body: { error: { code: 'portal_not_connected', message: 'no Ringback account is connected to HubSpot portal 9' } } });
    const err = await api.settings().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RingbackApiError);
    expect(err).toMatchObject({ status: 404, code: 'portal_not_connected' });
  });
});
