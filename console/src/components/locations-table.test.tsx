import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import type { RecoveryGroup } from '../api/types.ts';
import { LocationsTable } from './locations-table.tsx';

function group(key: string | null, recoveryRate: number | null, rank: number | null): RecoveryGroup {
  return {
    key,
    missed: 10,
    attempted: 8,
    attemptedWithinSla: 5,
    contacted: 6,
    booked: 3,
    won: 2,
    revenue: 1500,
    attemptRate: 0.8,
    slaMetRate: 0.5,
    contactRate: 0.75,
    bookingRate: 0.5,
    revenueRate: 0.67,
    recoveryRate,
    callbackSeconds: { p50: 300, p90: 7200 },
    benchmark: {
      attemptRate: rank,
      slaMetRate: rank,
      contactRate: rank,
      bookingRate: rank,
      revenueRate: rank,
      recoveryRate: rank,
    },
  };
}

function render(groups: RecoveryGroup[]): string {
  const meta = new Map([
    ['phoenix', { name: 'Phoenix', vertical: 'hvac' }],
    ['houston', { name: 'Houston', vertical: 'plumbing' }],
  ]);
  return renderToStaticMarkup(
    <MemoryRouter>
      <LocationsTable accountId="demo" groups={groups} meta={meta} currency="USD" trends={new Map()} />
    </MemoryRouter>,
  );
}

describe('the locations table', () => {
  it('lists worst first, marks laggards in words, links each location', () => {
    const html = render([group('phoenix', 0.7, 75), group('houston', 0.3, 12.5), group(null, 0.5, null)]);
    expect(html.indexOf('Houston')).toBeLessThan(html.indexOf('Phoenix'));
    expect(html.match(/>Laggard</g)).toHaveLength(1);
    expect(html).toMatch(
      /<tr class="laggard"><th scope="row"><a href="\/accounts\/demo\/locations\/houston"[^>]*>Houston<\/a>/,
    );
    expect(html).toContain('href="/accounts/demo/locations/phoenix"');
    expect(html).toContain('Unassigned');
    expect(html).toContain('13th');
    expect(html).toContain('5m');
    expect(html).toContain('$1,500');
  });

  it('announces its sort and has a caption', () => {
    const html = render([group('phoenix', 0.7, 75)]);
    expect(html).toContain('<caption>');
    expect(html).toContain('aria-sort="ascending"');
  });
});
