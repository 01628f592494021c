/**
 * The cards', home page's and settings page's client for Ringback's `/hubspot/*` backend. Components
 * receive a `Fetcher` instead of calling `hubspot.fetch` themselves, so tests render them against
 * recorded answers (`hubspot.fetch` is not mocked by HubSpot's test renderer). In HubSpot the fetcher
 * is `hubspot.fetch`, which signs each request and appends the portal and user ids.
 */
import type { ContactCardResponse, DashboardResponse, LocationCardResponse, SettingsResponse } from './types.ts';

export interface FetchOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: Record<string, unknown>;
  timeout?: number;
}

/** The subset of `hubspot.fetch`'s Response the client reads. */
export interface FetchResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

export type Fetcher = (url: string, options?: FetchOptions) => Promise<FetchResponse>;

export class RingbackApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RingbackApiError';
  }
}

/** Under HubSpot's 15 s limit, so a slow answer shows our error rather than a platform timeout. */
const TIMEOUT_MS = 10_000;

export class RingbackApi {
  constructor(
    private readonly fetcher: Fetcher,
    /** The backend origin; must be in the app's `permittedUrls.fetch` (the profile's RINGBACK_ORIGIN). */
    private readonly origin: string,
  ) {}

  contactCard(contactId: string, phone?: string | null): Promise<ContactCardResponse> {
    return this.get('/hubspot/contact-card', { objectId: contactId, phone: phone ?? undefined });
  }

  recordOutcome(caseId: string, action: 'booked_elsewhere' | 'wrong_number' | 'spam'): Promise<{ accepted: boolean; changed: boolean }> {
    return this.send('POST', '/hubspot/contact-card/outcomes', { caseId, action });
  }

  locationCard(companyId: string, range: { from?: string; to?: string } = {}): Promise<LocationCardResponse> {
    return this.get('/hubspot/location-card', { objectId: companyId, ...range });
  }

  dashboard(filters: { from?: string; to?: string; source?: string; vertical?: string } = {}): Promise<DashboardResponse> {
    return this.get('/hubspot/dashboard', filters);
  }

  settings(): Promise<SettingsResponse> {
    return this.get('/hubspot/settings', {});
  }

  setCallTracking(provider: string, credential: Record<string, string>): Promise<SettingsResponse> {
    return this.send('PUT', `/hubspot/settings/call-tracking/${encodeURIComponent(provider)}`, credential);
  }

  saveLocation(locationId: string, patch: Record<string, unknown>): Promise<SettingsResponse> {
    return this.send('PUT', `/hubspot/settings/locations/${encodeURIComponent(locationId)}`, patch);
  }

  savePolicy(policy: Record<string, unknown>): Promise<SettingsResponse> {
    return this.send('PUT', '/hubspot/settings/policy', policy);
  }

  private get<T>(path: string, query: Record<string, string | undefined>): Promise<T> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
    const qs = params.toString();
    return this.call<T>(`${this.origin}${path}${qs ? `?${qs}` : ''}`, { method: 'GET', timeout: TIMEOUT_MS });
  }

  private send<T>(method: 'POST' | 'PUT', path: string, body: Record<string, unknown>): Promise<T> {
    return this.call<T>(`${this.origin}${path}`, { method, body, timeout: TIMEOUT_MS });
  }

  private async call<T>(url: string, options: FetchOptions): Promise<T> {
    const res = await this.fetcher(url, options);
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (!res.ok) {
      throw new RingbackApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `Ringback answered ${res.status}`);
    }
    return body as T;
  }
}
