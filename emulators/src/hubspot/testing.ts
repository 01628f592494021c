import { Client } from '@hubspot/api-client';
import { createHubSpotEmulator, type HubSpotEmulator, type RunningServer } from './emulator.ts';
import type { HubSpotEmulatorOptions } from './types.ts';

// Test support: an emulator listening on an ephemeral port with one seeded portal, and a real
// @hubspot/api-client pointed at it. Used by this folder's tests and by other packages' integration tests.

export interface TestHarness {
  emulator: HubSpotEmulator;
  server: RunningServer;
  url: string;
  portalId: number;
  token: string;
  client: Client;
  clientFor(accessToken: string): Client;
  close(): Promise<void>;
}

/** A clock tests move by hand, so time-based behaviour is exact without sleeping. */
export function manualClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (ms: number) => {
    now = ms;
  };
  return clock;
}

export async function startTestEmulator(options: HubSpotEmulatorOptions = {}, portalId = 123456): Promise<TestHarness> {
  const emulator = createHubSpotEmulator(options);
  const server = await emulator.listen(0, '127.0.0.1');
  const token = emulator.state.addPortal(portalId);
  const clientFor = (accessToken: string) =>
    new Client({ accessToken, basePath: server.url, numberOfApiCallRetries: 0 });
  return {
    emulator,
    server,
    url: server.url,
    portalId,
    token,
    client: clientFor(token),
    clientFor,
    close: async () => {
      await emulator.close();
      await server.close();
    },
  };
}

/** The HTTP status and parsed body of a rejected @hubspot/api-client call. */
export async function apiError(
  promise: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { code?: number; body?: unknown; headers?: Record<string, string> };
    if (typeof e.code !== 'number') throw err;
    const body =
      typeof e.body === 'string'
        ? (JSON.parse(e.body) as Record<string, unknown>)
        : ((e.body ?? {}) as Record<string, unknown>);
    return { code: e.code, body, headers: e.headers ?? {} };
  }
  throw new Error('expected the call to be rejected');
}
