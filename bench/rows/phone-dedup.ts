/**
 * Issue 10's CPU-only rows: phone normalization (`normalizePhone`) on the mixed formats providers
 * and CRMs really send, against the naive "strip non-digits, prefix +1" that it replaces; and caller
 * dedup (`findRepeatOf`, the repeat-dial match) over candidate lists shaped like the ones ingest
 * loads, against a naive filter-then-sort of the same candidates. Both baselines' answers are
 * compared with Ringback's and the agreement goes in the results file: a faster wrong answer is not
 * a better one.
 */
import { DEFAULT_POLICY, findRepeatOf, normalizePhone, OPEN_CASE_STATUSES, type CaseStatus, type RepeatCall, type RepeatCandidate } from '@ringback/shared';
import type { BenchResult, BenchRow } from '../row.ts';
import { compare } from '../lib/microbench.ts';
import { round } from '../lib/stats.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The ways numbers arrive: CallRail, Twilio, Invoca, HubSpot and Salesforce fields, hand-typed CRM data. */
const FORMATS: Array<(area: string, ex: string, line: string, i: number) => string> = [
  (a, e, l) => `(${a}) ${e}-${l}`,
  (a, e, l) => `+1 ${a}-${e}-${l}`,
  (a, e, l) => `+1${a}${e}${l}`,
  (a, e, l) => `${a}-${e}-${l}`,
  (a, e, l) => `${a}.${e}.${l}`,
  (a, e, l) => `1 (${a}) ${e} ${l}`,
  (a, e, l) => `${a}${e}${l}`,
  (a, e, l) => `tel:+1${a}${e}${l};ext=2`,
  (a, e, l) => `${a}-${e}-${l} x123`,
  (_a, e, l) => `+44 20 ${e}${l.slice(0, 1)} ${l.slice(1)}${pad(Number(e) % 10, 1)}`,
  (_a, e, l) => `+52 55 ${e}${l.slice(0, 1)} ${l.slice(1)}`,
  (_a, _e, _l, i) => ['Anonymous', '', '+266696687', 'Restricted', '+7378742833'][i % 5]!,
];
const AREAS = ['602', '480', '770', '212', '415', '312', '713', '305'];

export function phoneInputs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const format = FORMATS[i % FORMATS.length]!;
    return format(AREAS[i % AREAS.length]!, String(200 + ((i * 37) % 800)), pad((i * 7919) % 10_000, 4), i);
  });
}

/** The naive normalizer: every digit, then +1 in front. */
export function naiveNormalize(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  return digits === '' ? null : `+1${digits}`;
}

const WINDOW_MS = DEFAULT_POLICY.repeatDialWindowMs;
const STATUSES: CaseStatus[] = ['open', 'open', 'attempted', 'contacted', 'lost', 'booked', 'open'];

/**
 * Candidate lists as ingest loads them: the caller's earlier non-repeat cases, newest first, at most
 * 50. Most callers have none or a few; a busy one (a property manager, a wrong number) has dozens.
 */
export function dedupScenarios(count: number): Array<{ call: RepeatCall; candidates: RepeatCandidate[] }> {
  const sizes = [0, 1, 1, 2, 3, 5, 8, 50];
  const base = Date.parse('2026-03-02T15:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const caller = `+1602555${pad(i % 10_000, 4)}`;
    const startedAt = new Date(base + i * 60_000);
    const size = sizes[i % sizes.length]!;
    const candidates = Array.from({ length: size }, (_, j): RepeatCandidate => {
      // Spread from just inside the window to days back, so some qualify and most do not.
      const lastCallAt = new Date(startedAt.getTime() - ((j * 7 + (i % 5)) * WINDOW_MS) / 4 - 1_000);
      return {
        id: `mc_${i}_${j}`,
        callerE164: caller,
        locationId: j % 4 === 3 ? 'tempe' : 'phoenix',
        status: STATUSES[(i + j) % STATUSES.length]!,
        lastCallAt,
        missedAt: new Date(lastCallAt.getTime() - (j % 3) * 60_000),
      };
    });
    return { call: { callerE164: caller, locationId: 'phoenix', startedAt }, candidates };
  });
}

/** The naive dedup: keep what qualifies, sort newest first, take the first. */
export function naiveRepeatOf(call: RepeatCall, candidates: readonly RepeatCandidate[], windowMs: number): string | null {
  if (call.callerE164 === null) return null;
  const t = call.startedAt.getTime();
  const hits = candidates
    .filter((c) => c.callerE164 === call.callerE164 && c.locationId === call.locationId && OPEN_CASE_STATUSES.has(c.status))
    .filter((c) => t - c.lastCallAt.getTime() > 0 && t - c.lastCallAt.getTime() <= windowMs)
    .sort(
      (a, b) =>
        b.lastCallAt.getTime() - a.lastCallAt.getTime() || b.missedAt.getTime() - a.missedAt.getTime() || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0),
    );
  return hits[0]?.id ?? null;
}

function agreement<T>(inputs: readonly T[], a: (x: T) => unknown, b: (x: T) => unknown): number {
  return inputs.filter((x) => a(x) === b(x)).length / inputs.length;
}

const row: BenchRow = {
  id: 'phone',
  async run(options) {
    const micro = options.quick ? { rounds: 3, roundMs: 200 } : { rounds: 7, roundMs: 500 };
    const phones = phoneInputs(1200);
    const phone = compare(
      (i) => normalizePhone(phones[i % phones.length]),
      (i) => naiveNormalize(phones[i % phones.length]!),
      micro,
    );
    const scenarios = dedupScenarios(800);
    const dedup = compare(
      (i) => {
        const s = scenarios[i % scenarios.length]!;
        return findRepeatOf(s.call, s.candidates, WINDOW_MS);
      },
      (i) => {
        const s = scenarios[i % scenarios.length]!;
        return naiveRepeatOf(s.call, s.candidates, WINDOW_MS);
      },
      micro,
    );
    const repeats = scenarios.filter((s) => findRepeatOf(s.call, s.candidates, WINDOW_MS) !== null).length;
    const results: BenchResult[] = [
      {
        name: 'phone normalization (mixed real-world formats)',
        unit: 'ops/s',
        better: 'higher',
        ringback: round(phone.ringback.opsPerSecond),
        baselineName: 'naive: strip non-digits, prefix +1',
        baseline: round(phone.baseline.opsPerSecond),
        detail: {
          ...micro,
          inputs: phones.length,
          formats: FORMATS.length,
          // How often the naive answer equals Ringback's (E.164, or null for withheld / not a number).
          baselineAgreesWithRingback: round(agreement(phones, normalizePhone, naiveNormalize)),
          roundsOpsPerSecond: { ringback: phone.ringback.rounds.map((r) => round(r)), baseline: phone.baseline.rounds.map((r) => round(r)) },
        },
      },
      {
        name: 'caller dedup: repeat-dial match (findRepeatOf)',
        unit: 'ops/s',
        better: 'higher',
        ringback: round(dedup.ringback.opsPerSecond),
        baselineName: 'naive filter + sort of the candidates',
        baseline: round(dedup.baseline.opsPerSecond),
        detail: {
          ...micro,
          scenarios: scenarios.length,
          candidatesPerCall: 'cycling 0, 1, 1, 2, 3, 5, 8, 50',
          scenariosThatRepeat: repeats,
          baselineAgreesWithRingback: round(
            agreement(scenarios, (s) => findRepeatOf(s.call, s.candidates, WINDOW_MS), (s) => naiveRepeatOf(s.call, s.candidates, WINDOW_MS)),
          ),
          roundsOpsPerSecond: { ringback: dedup.ringback.rounds.map((r) => round(r)), baseline: dedup.baseline.rounds.map((r) => round(r)) },
        },
      },
    ];
    options.log(`phone: normalizePhone ${round(phone.ringback.opsPerSecond)} ops/s, findRepeatOf ${round(dedup.ringback.opsPerSecond)} ops/s`);
    return results;
  },
};
export default row;
