import { describe, expect, it } from 'vitest';
import { localServerUrl, parseRate, sandboxTrafficRate } from './traffic-job.ts';

describe('sandbox traffic settings', () => {
  it('reads rates per second, minute and hour', () => {
    expect(parseRate('2/s')).toBe(2);
    expect(parseRate('30/m')).toBe(0.5);
    expect(parseRate('360/h')).toBe(0.1);
    expect(parseRate('0/s')).toBeNull();
    expect(parseRate('fast')).toBeNull();
  });

  it('posts to the port this process listens on, and not at all on port 0', () => {
    expect(localServerUrl({ PORT: 3000, HOST: '0.0.0.0' })).toBe('http://127.0.0.1:3000');
    expect(localServerUrl({ PORT: 8080, HOST: '10.0.0.5' })).toBe('http://10.0.0.5:8080');
    expect(localServerUrl({ PORT: 0, HOST: '127.0.0.1' })).toBeNull();
  });

  it('auto is a gentle default on a fixed port and off on port 0; off is off', () => {
    expect(sandboxTrafficRate({ PORT: 3000, HOST: '0.0.0.0', RINGBACK_SANDBOX_TRAFFIC: 'auto' })).toBeCloseTo(0.2);
    expect(sandboxTrafficRate({ PORT: 0, HOST: '127.0.0.1', RINGBACK_SANDBOX_TRAFFIC: '5/s' })).toBeNull();
    expect(sandboxTrafficRate({ PORT: 3000, HOST: '0.0.0.0', RINGBACK_SANDBOX_TRAFFIC: 'off' })).toBeNull();
    expect(sandboxTrafficRate({ PORT: 3000, HOST: '0.0.0.0', RINGBACK_SANDBOX_TRAFFIC: '5/s' })).toBe(5);
  });
});
