/**
 * Live traffic for a Ringback server: inbound calls arrive at a steady rate (signed CallRail post-call
 * webhooks, about four in ten missed), and every miss then plays out its fate on a compressed clock —
 * the location calls back (outbound post-call webhooks), the caller answers or not, books, pays
 * (outcomes API). The same class drives the sandbox of `npm start` and the `npm run simulate` CLI;
 * only the target differs.
 *
 * Follow-ups are tracked in memory for the cases this simulator created; at its first tick it adopts
 * the target's recent cases, so a restart picks up where the last run stopped. Every post is
 * idempotent (stable call ids, outcome `externalId`s), so a step sent twice counts once.
 */
import { callerIdName, pickSource, voicemailScript } from './call-scripts.ts';
import { caseFate, isConversation, type CaseFate } from './case-fate.ts';
import {
  callRailId,
  inboundDelivery,
  outboundDelivery,
  type CallRailDelivery,
  type InboundCall,
  type InboundResult,
} from './callrail-calls.ts';
import type { DemoPerson } from './demo-account.ts';
import { between, chance, intBetween, pick, poisson, rngFor, seededRng, weighted, type Rng } from './random.ts';
import type { SimLocation } from './sim-locations.ts';

/** A case as the missed-calls API lists it (the fields the simulator reads). */
export interface ListedCase {
  id: string;
  providerCallId: string;
  locationId: string | null;
  callerE164: string | null;
  trackingE164: string | null;
  missedAt: string;
  firstAttemptAt: string | null;
  contactedAt: string | null;
  bookedAt: string | null;
  wonAt: string | null;
  spam: boolean;
  repeatOf: string | null;
  urgency: string;
  intent: string;
}

export interface OutcomePost {
  missedCallId: string;
  type: 'booking' | 'revenue';
  at: string;
  amount?: number;
  externalId: string;
}

/** Where traffic goes: a Ringback server over HTTP (see http-target.ts). */
export interface SimTarget {
  postCallRail(delivery: CallRailDelivery): Promise<{ status: number; missedCallId: string | null }>;
  /** Null when the target has no token for outcomes. */
  postOutcome: ((outcome: OutcomePost) => Promise<number>) | null;
  /** Cases that missed since `from` (null when the target cannot list them). */
  recentCases: ((from: Date) => Promise<ListedCase[]>) | null;
}

export interface SimulatorOptions {
  target: SimTarget;
  locations: SimLocation[];
  /** Known customers who call now and then (existing-customer cases). */
  people: readonly DemoPerson[];
  /** Inbound calls per second. */
  ratePerSecond: number;
  companyName: string;
  /** How many times faster than real life callbacks happen (default 6). */
  timeScale?: number;
  seed?: number;
}

export interface SimStats {
  /** Inbound calls sent (delivered or not). */
  sent: number;
  /** Inbound calls the server accepted. */
  inbound: number;
  missed: number;
  callbacks: number;
  bookings: number;
  revenue: number;
  failures: number;
  lastCaseId: string | null;
  lastError: string | null;
}

interface Tracked {
  caseId: string;
  key: string;
  missedAt: number;
  callerE164: string;
  trackingE164: string;
  timezone: string;
  fate: CaseFate;
  attemptsDone: number;
  contactAt: number | null;
  booked: boolean;
  won: boolean;
}

const MINUTE = 60_000;
/** Cases older than this are left alone: their story is over. */
const FOLLOW_UP_HORIZON_MS = 2 * 60 * MINUTE;

export class TrafficSimulator {
  readonly stats: SimStats = {
    sent: 0,
    inbound: 0,
    missed: 0,
    callbacks: 0,
    bookings: 0,
    revenue: 0,
    failures: 0,
    lastCaseId: null,
    lastError: null,
  };
  private readonly tracked = new Map<string, Tracked>();
  private readonly rng: Rng;
  private readonly timeScale: number;
  private adopted = false;
  private counter = 0;

  constructor(private readonly options: SimulatorOptions) {
    this.rng = seededRng(options.seed ?? Date.now() % 2 ** 31);
    this.timeScale = options.timeScale ?? 6;
    if (options.locations.length === 0)
      throw new Error('the simulator needs at least one location with a tracking number');
  }

  get trackedCases(): number {
    return this.tracked.size;
  }

  /** One step of `windowMs`: the calls that arrived in it (at most `maxArrivals`), then every follow-up now due. */
  async tick(now: Date, windowMs: number, maxArrivals = Number.POSITIVE_INFINITY): Promise<void> {
    if (!this.adopted) await this.adoptRecent(now);
    const arrivals = Math.min(maxArrivals, poisson(this.rng, (this.options.ratePerSecond * windowMs) / 1000));
    for (let i = 0; i < arrivals; i++) await this.inbound(now, windowMs);
    await this.followUps(now);
  }

  private async inbound(now: Date, windowMs: number): Promise<void> {
    const rng = this.rng;
    const location = weighted(
      rng,
      this.options.locations.map((l) => [l, l.volume] as const),
    );
    const people = this.options.people.filter((p) => p.locationId === location.id);
    const person = people.length > 0 && chance(rng, 0.2) ? pick(rng, people) : null;
    const answered = chance(rng, person ? 0.65 : 0.58);
    const noise = !answered && chance(rng, 0.03);
    const result: InboundResult = answered
      ? 'answered'
      : noise
        ? 'abandoned'
        : weighted(rng, [
            ['no_answer', 45],
            ['voicemail', 35],
            ['abandoned', 20],
          ] as const);
    const script = result === 'voicemail' ? voicemailScript(rng, location.vertical, person !== null) : null;
    const duration = answered
      ? intBetween(rng, 45, 600)
      : noise
        ? 2
        : result === 'abandoned'
          ? intBetween(rng, 6, 14)
          : result === 'voicemail'
            ? intBetween(rng, 20, 75)
            : intBetween(rng, 18, 40);
    const key = `${now.getTime()}-${this.counter++}-${Math.floor(rng.next() * 1e9)}`;
    const call: InboundCall = {
      callId: callRailId('sim', key),
      // The post-call webhook comes after hang-up: the call started duration (and a little) ago.
      startedAt: new Date(now.getTime() - duration * 1000 - Math.floor(between(rng, 0, windowMs))),
      callerE164: person?.phone ?? `+1${location.areaCode}555${intBetween(rng, 2000, 9999)}`,
      callerName: person ? `${person.firstName} ${person.lastName}` : callerIdName(rng),
      trackingE164: location.trackingE164,
      result,
      durationSeconds: duration,
      source: person ? pick(rng, ['Direct', 'Google Organic', 'Google Business Profile']) : pickSource(rng),
      transcript: answered ? null : (script?.text ?? null),
      firstCall: person === null,
      spam: !answered && !noise && chance(rng, 0.03),
      timezone: location.timezone,
      companyName: this.options.companyName,
    };
    const answer = await this.send(inboundDelivery(call));
    this.stats.sent++;
    if (!answer) return;
    this.stats.inbound++;
    if (answered || !answer.missedCallId) return;
    this.stats.missed++;
    this.stats.lastCaseId = answer.missedCallId;
    if (call.spam || noise) return;
    this.track({
      caseId: answer.missedCallId,
      key: call.callId,
      missedAt: call.startedAt.getTime(),
      callerE164: call.callerE164,
      trackingE164: call.trackingE164,
      timezone: location.timezone,
      fate: this.liveFate(call.callId, location, person !== null, script?.kind === 'urgent'),
      attemptsDone: 0,
      contactAt: null,
      booked: false,
      won: false,
    });
  }

  /** The case's fate on the simulator's clock: callbacks `timeScale`× faster, outcomes within minutes. */
  private liveFate(key: string, location: SimLocation, existingCustomer: boolean, urgent: boolean): CaseFate {
    const fate = caseFate(rngFor('fate', key), {
      discipline: location.discipline,
      vertical: location.vertical,
      existingCustomer,
      urgent,
      untilOpenMs: 0,
    });
    const rng = rngFor('live', key);
    return {
      attempts: fate.attempts.map((a) => ({ ...a, afterMs: Math.max(15_000, Math.round(a.afterMs / this.timeScale)) })),
      bookingAfterContactMs: fate.bookingAfterContactMs === null ? null : between(rng, 30_000, 4 * MINUTE),
      revenue: fate.revenue ? { ...fate.revenue, afterBookingMs: between(rng, MINUTE, 8 * MINUTE) } : null,
    };
  }

  private track(t: Tracked): void {
    this.tracked.set(t.caseId, t);
  }

  /** Picks up the target's recent cases (a restart, or cases another run left) and plays them on. */
  private async adoptRecent(now: Date): Promise<void> {
    this.adopted = true;
    if (!this.options.target.recentCases) return;
    let cases: ListedCase[];
    try {
      cases = await this.options.target.recentCases(new Date(now.getTime() - FOLLOW_UP_HORIZON_MS));
    } catch (err) {
      this.failed(err);
      return;
    }
    const byTracking = new Map(this.options.locations.map((l) => [l.trackingE164, l]));
    for (const c of cases) {
      const location = c.trackingE164 ? byTracking.get(c.trackingE164) : undefined;
      if (c.spam || c.repeatOf || !c.callerE164 || !location || this.tracked.has(c.id)) continue;
      const fate = this.liveFate(c.providerCallId, location, c.intent === 'existing_customer', c.urgency === 'high');
      this.track({
        caseId: c.id,
        key: c.providerCallId,
        missedAt: Date.parse(c.missedAt),
        callerE164: c.callerE164,
        trackingE164: location.trackingE164,
        timezone: location.timezone,
        fate,
        // What already happened is not sent again (and would be a duplicate if it were).
        attemptsDone: c.firstAttemptAt ? fate.attempts.length : 0,
        contactAt: c.contactedAt ? Date.parse(c.contactedAt) : null,
        booked: c.bookedAt !== null,
        won: c.wonAt !== null,
      });
    }
  }

  private async followUps(now: Date): Promise<void> {
    const t = now.getTime();
    for (const c of [...this.tracked.values()]) {
      while (c.attemptsDone < c.fate.attempts.length) {
        const a = c.fate.attempts[c.attemptsDone]!;
        const at = c.missedAt + a.afterMs;
        if (at > t) break;
        if (c.contactAt !== null) {
          c.attemptsDone = c.fate.attempts.length; // reached already: no more dialing
          break;
        }
        const posted = await this.send(
          outboundDelivery({
            callId: callRailId('sim-callback', c.key, c.attemptsDone),
            startedAt: new Date(at),
            callerE164: c.callerE164,
            trackingE164: c.trackingE164,
            answered: a.answered,
            durationSeconds: a.answered ? a.talkSeconds : a.ringSeconds,
            timezone: c.timezone,
            companyName: this.options.companyName,
          }),
        );
        if (!posted) break;
        this.stats.callbacks++;
        c.attemptsDone++;
        if (isConversation(a)) c.contactAt = at;
      }
      await this.outcomes(c, t);
      const finished =
        c.attemptsDone >= c.fate.attempts.length &&
        (c.contactAt === null || c.fate.bookingAfterContactMs === null || (c.booked && (c.won || !c.fate.revenue)));
      if (finished || t - c.missedAt > FOLLOW_UP_HORIZON_MS) this.tracked.delete(c.caseId);
    }
  }

  private async outcomes(c: Tracked, t: number): Promise<void> {
    const post = this.options.target.postOutcome;
    if (!post || c.contactAt === null || c.fate.bookingAfterContactMs === null) return;
    const bookedAt = c.contactAt + c.fate.bookingAfterContactMs;
    if (!c.booked && bookedAt <= t) {
      if (
        !(await this.outcome(post, {
          missedCallId: c.caseId,
          type: 'booking',
          at: new Date(bookedAt).toISOString(),
          externalId: `sim:${c.key}:booking`,
        }))
      )
        return;
      c.booked = true;
      this.stats.bookings++;
    }
    const revenue = c.fate.revenue;
    if (c.booked && revenue && !c.won && bookedAt + revenue.afterBookingMs <= t) {
      const at = new Date(bookedAt + revenue.afterBookingMs).toISOString();
      if (
        !(await this.outcome(post, {
          missedCallId: c.caseId,
          type: 'revenue',
          at,
          amount: revenue.amount,
          externalId: `sim:${c.key}:revenue`,
        }))
      )
        return;
      c.won = true;
      this.stats.revenue++;
    }
  }

  private async outcome(post: NonNullable<SimTarget['postOutcome']>, o: OutcomePost): Promise<boolean> {
    try {
      const status = await post(o);
      if (status < 300) return true;
      this.failed(new Error(`outcome answered ${status}`));
    } catch (err) {
      this.failed(err);
    }
    return false;
  }

  private async send(delivery: CallRailDelivery): Promise<{ missedCallId: string | null } | null> {
    try {
      const answer = await this.options.target.postCallRail(delivery);
      if (answer.status < 300) return answer;
      this.failed(new Error(`webhook answered ${answer.status}`));
    } catch (err) {
      this.failed(err);
    }
    return null;
  }

  private failed(err: unknown): void {
    this.stats.failures++;
    this.stats.lastError = (err as Error).message ?? String(err);
  }
}
