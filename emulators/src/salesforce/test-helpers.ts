/**
 * Shared setup for the emulator's own tests: an emulator listening on an ephemeral port, one org,
 * and jsforce connections pointed at it.
 */
import jsforce from 'jsforce';
import type { Connection } from 'jsforce';
import { expect } from 'vitest';
import { createSalesforceEmulator } from './emulator.ts';
import type { RunningServer, SalesforceEmulator, SalesforceEmulatorOptions } from './emulator.ts';
import type { OrgCredentials } from './store/state.ts';

export interface Harness {
  emu: SalesforceEmulator;
  server: RunningServer;
  creds: OrgCredentials;
  connect(accessToken?: string): Connection;
}

export async function startHarness(options: SalesforceEmulatorOptions = {}): Promise<Harness> {
  const emu = createSalesforceEmulator(options);
  const creds = emu.state.addOrg();
  const server = await emu.listen(0, '127.0.0.1');
  return {
    emu,
    server,
    creds,
    connect: (accessToken = creds.accessToken) =>
      new jsforce.Connection({ instanceUrl: server.url, accessToken, version: '62.0' }),
  };
}

interface SfError {
  errorCode: string;
  message: string;
  data: { fields?: string[]; [k: string]: unknown };
}

/** Awaits a jsforce call that must fail with `errorCode`; returns the error for further checks. */
export async function rejectsWith(promise: PromiseLike<unknown>, errorCode: string): Promise<SfError> {
  const err = (await Promise.resolve(promise).then(
    () => null,
    (e: unknown) => e,
  )) as SfError | null;
  expect(err, `expected ${errorCode}`).not.toBeNull();
  expect((err as SfError).errorCode).toBe(errorCode);
  return err as SfError;
}

/** A raw request to the emulator with the org's token (for shapes jsforce hides, like status codes). */
export async function raw(
  h: Harness,
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string>; token?: string } = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(`${h.server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${init.token ?? h.creds.accessToken}`, ...(init.headers ?? {}) },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : null };
}
