/** `npm run simulate`: see USAGE. */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { inboundDelivery } from './callrail-calls.ts';
import { DEMO_ACCOUNT_ID, DEMO_CALLRAIL_SIGNING_KEY, DEMO_PEOPLE } from './demo-account.ts';
import { apiCall, httpTarget, waitForFolds } from './http-target.ts';
import { parseRate } from './traffic-job.ts';
import { TrafficSimulator, type SimTarget } from './simulator.ts';
import { areaCodeOf, characterOf, type SimLocation } from './sim-locations.ts';
import { phoenixScenario, PHOENIX_TIMEZONE } from './phoenix-scenario.ts';
import { addDays, zonedInstant } from './zone-time.ts';

/** Printed by `--help`. */
const USAGE = `\`npm run simulate\`: real-format, signed call-tracking traffic against any Ringback server.

  npm run simulate -- --url http://localhost:3000 --account demo --rate 2/s \\
    --signing-key <CallRail signing key> --token <admin or account token> [--locations 120]
  npm run simulate -- --scenario phoenix --url … --token …

Options:
  --url           server base URL (default http://localhost:3000)
  --account       account id (default demo)
  --signing-key   the account's CallRail signing key (default: the sandbox key for \`demo\`)
  --token         admin or account token: outcomes (bookings, revenue) and the case listing need it;
                  without one only webhooks are sent
  --rate          inbound calls per second/minute/hour: 2/s, 30/m (default 1/s)
  --locations N   spread calls over N locations; with the admin token, missing ones are created
                  (sim-001 …, each with its own tracking number)
  --duration S    stop after S seconds (default: run until Ctrl-C)
  --count N       stop after N inbound calls
  --time-scale X  callbacks happen X times faster than in life (default 6)
  --seed N        random seed (default: the time)
  --scenario phoenix   send the Phoenix scenario (12 misses on a Tuesday) and print what Ringback made of it
  --tracking E164 the Phoenix location's tracking number for --scenario (default +14805550100)`;

class UsageError extends Error {
  readonly code = 'simulate_usage';
}

interface Options {
  url: string;
  account: string;
  signingKey: string;
  token: string | null;
  rate: number;
  locations: number | null;
  durationMs: number | null;
  count: number | null;
  timeScale: number;
  seed: number;
  scenario: string | null;
  tracking: string;
}

function positive(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number (got ${value})`);
  return n;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      account: { type: 'string', default: DEMO_ACCOUNT_ID },
      'signing-key': { type: 'string' },
      token: { type: 'string' },
      rate: { type: 'string', default: '1/s' },
      locations: { type: 'string' },
      duration: { type: 'string' },
      count: { type: 'string' },
      'time-scale': { type: 'string', default: '6' },
      seed: { type: 'string' },
      scenario: { type: 'string' },
      tracking: { type: 'string', default: '+14805550100' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const rate = parseRate(values.rate);
  if (rate === null) throw new UsageError(`--rate must look like 2/s, 30/m or 600/h (got ${values.rate})`);
  const signingKey = values['signing-key'] ?? (values.account === DEMO_ACCOUNT_ID ? DEMO_CALLRAIL_SIGNING_KEY : null);
  if (!signingKey)
    throw new UsageError(`--signing-key is required for account ${values.account} (its CallRail signing key)`);
  if (values.scenario !== undefined && values.scenario !== 'phoenix')
    throw new UsageError(`unknown --scenario ${values.scenario} (phoenix)`);
  const duration = positive('duration', values.duration);
  return {
    url: values.url.replace(/\/+$/, ''),
    account: values.account,
    signingKey,
    token: values.token ?? null,
    rate,
    locations: positive('locations', values.locations),
    durationMs: duration === null ? null : duration * 1000,
    count: positive('count', values.count),
    timeScale: positive('time-scale', values['time-scale']) ?? 6,
    seed: positive('seed', values.seed) ?? Date.now() % 2 ** 31,
    scenario: values.scenario ?? null,
    tracking: values.tracking,
  };
}

const SIM_AREA_CODES = [
  '201',
  '202',
  '203',
  '205',
  '207',
  '208',
  '209',
  '210',
  '212',
  '213',
  '215',
  '216',
  '217',
  '218',
  '219',
  '220',
  '223',
  '224',
  '225',
  '228',
];
const SIM_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles'];
const SIM_VERTICALS = ['hvac', 'plumbing', 'dental', 'med_spa', 'legal', 'insurance'];

/** The tracking number of simulated location k (unique for k < 1000, in the fictional 555-01xx range). */
export function simTrackingNumber(k: number): string {
  return `+1${SIM_AREA_CODES[k % SIM_AREA_CODES.length]}55501${String(50 + Math.floor(k / SIM_AREA_CODES.length)).padStart(2, '0')}`;
}

interface ListedLocation {
  id: string;
  name: string;
  timezone: string;
  vertical: string | null;
  trackingNumbers: string[];
}

function simLocation(l: ListedLocation): SimLocation | null {
  const tracking = l.trackingNumbers[0];
  if (!tracking) return null;
  return {
    id: l.id,
    name: l.name,
    timezone: l.timezone,
    vertical: l.vertical,
    trackingE164: tracking,
    areaCode: areaCodeOf(tracking),
    hours: null,
    ...characterOf(l.id),
  };
}

/** The account's locations with tracking numbers, creating `sim-NNN` ones up to `wanted` when allowed. */
async function resolveLocations(o: Options, log: (line: string) => void): Promise<SimLocation[]> {
  let listed: ListedLocation[] = [];
  if (o.token) {
    const res = await apiCall(o.url, o.token, `/api/accounts/${encodeURIComponent(o.account)}/locations`);
    if (res.status === 401 || res.status === 404)
      throw new UsageError(`the server answered ${res.status} for account ${o.account}: check --token and --account`);
    if (res.status !== 200) throw new Error(`listing locations answered ${res.status}`);
    listed = (res.body?.items as ListedLocation[]) ?? [];
  }
  const usable = listed.map(simLocation).filter((l): l is SimLocation => l !== null);
  const wanted = o.locations ?? Math.max(usable.length, 1);
  for (let k = 0; usable.length < wanted && k < 1000; k++) {
    const id = `sim-${String(k + 1).padStart(3, '0')}`;
    if (usable.some((l) => l.id === id)) continue;
    const location: ListedLocation = {
      id,
      name: `Sim Location ${String(k + 1).padStart(3, '0')}`,
      timezone: SIM_ZONES[k % SIM_ZONES.length]!,
      vertical: SIM_VERTICALS[k % SIM_VERTICALS.length]!,
      trackingNumbers: [simTrackingNumber(k)],
    };
    if (o.token) {
      const res = await apiCall(o.url, o.token, `/api/accounts/${encodeURIComponent(o.account)}/locations/${id}`, {
        method: 'PUT',
        body: {
          name: location.name,
          timezone: location.timezone,
          vertical: location.vertical,
          trackingNumbers: location.trackingNumbers,
          businessHours: {
            mon: '08:00-18:00',
            tue: '08:00-18:00',
            wed: '08:00-18:00',
            thu: '08:00-18:00',
            fri: '08:00-18:00',
          },
        },
      });
      if (res.status === 403) {
        log(
          `only the admin token can create locations: calls to ${wanted - usable.length} more locations would be unassigned, so they are spread over the ${usable.length} that exist`,
        );
        break;
      }
      if (res.status === 409) continue; // that number belongs to another location already
      if (res.status >= 300)
        throw new Error(`creating location ${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    usable.push(simLocation(location)!);
  }
  if (!o.token)
    log(
      'no --token: calls go to simulated tracking numbers (unassigned unless the server has them) and no outcomes are sent',
    );
  return usable.slice(0, wanted);
}

function summary(sim: TrafficSimulator): string {
  const s = sim.stats;
  return `${s.inbound} calls accepted of ${s.sent} sent (${s.missed} missed), ${s.callbacks} callbacks, ${s.bookings} bookings, ${s.revenue} revenue outcomes, ${s.failures} failures${s.lastError ? ` (last: ${s.lastError})` : ''}`;
}

async function runTraffic(o: Options, log: (line: string) => void, stop: AbortSignal): Promise<number> {
  const locations = await resolveLocations(o, log);
  if (locations.length === 0) throw new UsageError(`account ${o.account} has no location with a tracking number`);
  const target: SimTarget = httpTarget({ url: o.url, accountId: o.account, signingKey: o.signingKey, token: o.token });
  const people = DEMO_PEOPLE.filter((p) => locations.some((l) => l.id === p.locationId));
  const sim = new TrafficSimulator({
    target,
    locations,
    people,
    ratePerSecond: o.rate,
    companyName: o.account,
    timeScale: o.timeScale,
    seed: o.seed,
  });
  log(
    `simulating ${Math.round(o.rate * 3600)} calls/hour to ${o.url} account ${o.account} over ${locations.length} location(s)`,
  );
  const started = Date.now();
  let lastReport = started;
  const tickMs = 1000;
  while (!stop.aborted) {
    const tickStart = Date.now();
    const left = o.count === null ? undefined : o.count - sim.stats.sent;
    await sim.tick(new Date(), tickMs, left);
    if (o.count !== null && sim.stats.sent >= o.count) break;
    if (o.durationMs !== null && Date.now() - started >= o.durationMs) break;
    if (Date.now() - lastReport >= 10_000) {
      log(summary(sim));
      lastReport = Date.now();
    }
    await new Promise((r) => setTimeout(r, Math.max(0, tickMs - (Date.now() - tickStart))));
  }
  if (o.token && !(await waitForFolds(o.url, o.token, o.account))) log('the server has not folded every call into a case yet');
  log(`done: ${summary(sim)}; last case ${sim.stats.lastCaseId ?? 'none'}`);
  return sim.stats.failures > 0 && sim.stats.inbound === 0 ? 1 : 0;
}

async function runPhoenix(o: Options, log: (line: string) => void): Promise<number> {
  const target = httpTarget({ url: o.url, accountId: o.account, signingKey: o.signingKey, token: o.token });
  const scenario = phoenixScenario(new Date(), { trackingE164: o.tracking });
  log(`Phoenix scenario: ${scenario.misses.length} missed calls on Tuesday ${scenario.date} (America/Phoenix)`);
  let failures = 0;
  for (const delivery of [...scenario.priorCalls, ...scenario.misses.map((m) => inboundDelivery(m.call))]) {
    const res = await target.postCallRail(delivery);
    if (res.status >= 300) {
      failures++;
      log(`  ${delivery.callId}: the server answered ${res.status}`);
    }
  }
  if (!o.token) {
    log('sent; pass --token to see how Ringback classified them');
    return failures ? 1 : 0;
  }
  if (!(await waitForFolds(o.url, o.token, o.account))) log('the server has not folded every call into a case yet');
  const from = zonedInstant(scenario.date, 0, PHOENIX_TIMEZONE).toISOString();
  const to = zonedInstant(addDays(scenario.date, 1), 0, PHOENIX_TIMEZONE).toISOString();
  const ids = new Set(scenario.misses.map((m) => m.call.callId));
  const res = await apiCall(
    o.url,
    o.token,
    `/api/accounts/${encodeURIComponent(o.account)}/missed-calls?from=${from}&to=${to}&limit=100`,
  );
  const items = ((res.body?.items as Array<Record<string, string>>) ?? [])
    .filter((c) => ids.has(c.providerCallId!))
    .reverse();
  log('time   caller          category   intent             urgency  SLA due (UTC)');
  for (const c of items) {
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: PHOENIX_TIMEZONE,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(c.missedAt!));
    log(
      `${local}  ${(c.callerE164 ?? '').padEnd(14)}  ${c.category!.padEnd(9)}  ${c.intent!.padEnd(17)}  ${c.urgency!.padEnd(7)}  ${c.slaDueAt}`,
    );
  }
  const count = (k: string, v: string) => items.filter((c) => c[k] === v).length;
  log(
    `${items.length} cases: ${count('intent', 'existing_customer')} existing customers, ${count('intent', 'new_lead')} new leads, ${count('category', 'voicemail')} voicemails`,
  );
  return failures ? 1 : 0;
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`simulate: ${(err as Error).message}`);
    process.exit(2);
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  try {
    process.exitCode =
      options.scenario === 'phoenix'
        ? await runPhoenix(options, log)
        : await runTraffic(options, log, controller.signal);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    console.error(`simulate: ${cause ? `cannot reach ${options.url} (${cause})` : (err as Error).message}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
