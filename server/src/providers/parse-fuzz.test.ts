/**
 * Property tests: every fixture, mutated (fields dropped, retyped, emptied, reformatted, replaced by
 * junk), and arbitrary bytes, go through verify + parse. Neither may throw, and every result must be
 * well-typed (parse-result-check.ts). Fixed seed, so a failure reproduces.
 */
import { fuzzOptions } from '../../../test/fuzz.ts';
import { readdirSync } from 'node:fs';
import type { Provider } from '@ringback/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResultProblems } from './parse-result-check.ts';
import type { InboundRequest } from './provider.ts';
import { providers } from './registry.ts';
import { FIXTURE_DIR, fixture, request } from './test-requests.ts';

const RUNS = fuzzOptions(200);
const SECRETS = {
  callrail: { signingKey: 'k' },
  twilio: { authToken: 'k' },
  invoca: { token: 'k' },
  generic: { secret: 'k' },
} as const;

function check(provider: Provider, req: InboundRequest): void {
  const adapter = providers[provider];
  const verified = adapter.verify(req, SECRETS[provider] as never);
  expect(typeof verified.ok).toBe('boolean');
  const result = adapter.parse(req, { receivedAt: new Date('2026-03-02T00:00:00Z') });
  expect(parseResultProblems(result, provider)).toEqual([]);
}

const files = readdirSync(FIXTURE_DIR).sort();
const providerOf = (name: string): Provider => name.split('-')[0] as Provider;

// One mutation of one field: how providers actually get their types wrong, plus plain junk.
const mutation = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom(
    'drop',
    'empty',
    'null',
    'stringify',
    'numberify',
    'fraction',
    'bool-string',
    'phone-format',
    'junk',
  ),
  junk: fc.jsonValue({ maxDepth: 2 }),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(body: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const m of mutations) {
    const keys = Object.keys(out);
    if (keys.length === 0) break;
    const key = keys[m.pick % keys.length] as string;
    const value = out[key];
    switch (m.op) {
      case 'drop':
        delete out[key];
        break;
      case 'empty':
        out[key] = '';
        break;
      case 'null':
        out[key] = null;
        break;
      case 'stringify':
        out[key] = typeof value === 'string' ? value : JSON.stringify(value);
        break;
      case 'numberify':
        out[key] = typeof value === 'string' && value.trim() !== '' ? Number(value) : -1e21;
        break;
      case 'fraction':
        out[key] = m.pick % 2 === 0 ? (m.pick % 1000) + 0.5 : `${m.pick % 1000}.25`;
        break;
      case 'bool-string':
        out[key] = String(m.pick % 2 === 0);
        break;
      case 'phone-format':
        out[key] = String(value)
          .replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '$1-$2-$3')
          .replace(/\d/, '٣');
        break;
      case 'junk':
        out[key] = m.junk;
        break;
    }
  }
  return out;
}

describe.each(files.filter((name) => name.endsWith('.json')))('fuzz: mutated JSON fixture %s', (name) => {
  const provider = providerOf(name);
  const body = JSON.parse(fixture(name).toString('utf8')) as Record<string, unknown>;
  it('never throws and always returns a well-typed result', () => {
    fc.assert(
      fc.property(
        fc.array(mutation, { maxLength: 8 }),
        fc.option(fc.constantFrom('pre_call', 'post_call', 'call_modified', 'outbound_post_call', 'bogus')),
        (mutations, hint) => {
          const raw = JSON.stringify(mutate(body, mutations));
          const query: Record<string, string> = hint === null ? {} : { event: hint };
          check(provider, request(raw, { query, headers: { signature: 'x', 'x-ringback-signature': 'x' } }));
        },
      ),
      RUNS,
    );
  });
});

describe.each(files.filter((name) => name.startsWith('twilio-') || name.endsWith('-form.txt')))(
  'fuzz: mutated form fixture %s',
  (name) => {
    const provider = providerOf(name);
    const pairs = [...new URLSearchParams(fixture(name).toString('utf8')).entries()];
    it('never throws and always returns a well-typed result', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              pick: fc.nat(),
              op: fc.constantFrom('drop', 'empty', 'junk'),
              junk: fc.string({ unit: 'binary' }),
            }),
            {
              maxLength: 8,
            },
          ),
          (mutations) => {
            const out = pairs.map(([k, v]) => [k, v] as [string, string]);
            for (const m of mutations) {
              if (out.length === 0) break;
              const index = m.pick % out.length;
              if (m.op === 'drop') out.splice(index, 1);
              else (out[index] as [string, string])[1] = m.op === 'empty' ? '' : m.junk;
            }
            const raw = new URLSearchParams(out).toString();
            check(provider, request(raw, { contentType: 'application/x-www-form-urlencoded', query: { token: 'k' } }));
          },
        ),
        RUNS,
      );
    });
  },
);

describe('fuzz: arbitrary bytes', () => {
  it.each(['callrail', 'twilio', 'invoca', 'generic'] as const)(
    '%s never throws on random bodies and headers',
    (provider) => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s)),
          ),
          fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', undefined),
          fc.string({ unit: 'binary', maxLength: 80 }),
          (bytes, contentType, signature) => {
            const headers = { signature, 'x-twilio-signature': signature, 'x-ringback-signature': signature };
            check(provider, request(Buffer.from(bytes), { contentType, headers, query: { token: signature } }));
          },
        ),
        RUNS,
      );
    },
  );
});
