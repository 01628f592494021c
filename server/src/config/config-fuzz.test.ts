/**
 * fuzz: the config parser never throws anything but a one-line ConfigError, whatever the file holds,
 * and a valid file with one key renamed is always refused with that key named.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseConfigText, ConfigError } from './load-file.ts';
import { fuzzOptions } from '../../../test/fuzz.ts';

const VALID = {
  accounts: [
    {
      id: 'acme',
      name: 'Acme',
      timezone: 'America/New_York',
      callTracking: { callrail: { signingKey: 'k' } },
      locations: [{ id: 'phoenix', name: 'Phoenix', timezone: 'America/Phoenix', trackingNumbers: ['+14805550100'], businessHours: { mon: '08:00-18:00' } }],
      policy: { sla: { newLead: '30m' }, repeatDialWindow: '30m' },
    },
  ],
};

describe('fuzz: config parsing', () => {
  it('turns any text into a config or a single-line ConfigError naming the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => stringify(v))), (text) => {
        try {
          parseConfigText(text, 'fuzz.yaml');
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as Error).message).toContain('fuzz.yaml');
          expect((err as Error).message).not.toContain('\n');
        }
      }),
      fuzzOptions(300),
    );
  });

  it('names an unknown key wherever it is put', () => {
    const paths: string[][] = [[], ['accounts', '0'], ['accounts', '0', 'locations', '0'], ['accounts', '0', 'policy'], ['accounts', '0', 'policy', 'sla']];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/), (path, key) => {
        const config = structuredClone(VALID) as Record<string, unknown>;
        let target: Record<string, unknown> = config;
        for (const p of path) target = target[p] as Record<string, unknown>;
        if (key in target) return;
        target[key] = 1;
        expect(() => parseConfigText(stringify(config), 'c.yaml')).toThrowError(`unknown key ${[...path, key].join('.').replace(/\.(\d+)/g, '[$1]')}`);
      }),
      fuzzOptions(200),
    );
  });
});
