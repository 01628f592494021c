import { describe, expect, it } from 'vitest';
import { isProvider, providers } from './registry.ts';
import { constantTimeEqual } from './signature.ts';

describe('provider registry', () => {
  it('lists every provider under its own id', () => {
    expect(Object.keys(providers).sort()).toEqual(['callrail', 'generic', 'invoca', 'twilio']);
    for (const [id, adapter] of Object.entries(providers)) expect(adapter.id).toBe(id);
  });

  it('recognizes provider ids and nothing else', () => {
    expect(isProvider('twilio')).toBe(true);
    expect(isProvider('toString')).toBe(false);
    expect(isProvider('hubspot')).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('is true only for byte-identical strings, whatever the lengths', () => {
    expect(constantTimeEqual('abc=', 'abc=')).toBe(true);
    expect(constantTimeEqual('abc', 'abc=')).toBe(false);
    expect(constantTimeEqual('abd=', 'abc=')).toBe(false);
    expect(constantTimeEqual('', 'abc=')).toBe(false);
    expect(constantTimeEqual('é', 'e')).toBe(false);
  });
});
