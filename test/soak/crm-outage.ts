/**
 * `node --import tsx test/soak/crm-outage.ts [--outage-minutes 4]`: the HubSpot outage scenario of
 * test/reliability-crm.test.ts, for minutes instead of seconds (PostgreSQL + Redis must be running).
 * Prints the scenario's figures and exits 1 on any loss, duplicate, order breach or 10-second-limit
 * violation. `npm run soak` runs it once before its rounds.
 */
import { reportOutage, runHubSpotOutage } from '../helpers/hubspot-outage.ts';
import type { HubSpotWorld } from '../helpers/hubspot-world.ts';

const arg = process.argv.indexOf('--outage-minutes');
const minutes = arg >= 0 ? Number(process.argv[arg + 1]) : 4;
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('crm-outage: --outage-minutes must be a positive number');
  process.exit(2);
}

let world: HubSpotWorld | null = null;
let failed = true;
try {
  const r = await runHubSpotOutage({
    outageMs: minutes * 60_000,
    // A long outage leaves jobs deep in their backoff (up to minutes between tries) and a backlog
    // paced at HubSpot's limit: give the drain the outage's length again plus ten minutes.
    drainTimeoutMs: minutes * 60_000 + 10 * 60_000,
    started: (w) => (world = w),
  });
  reportOutage(`HubSpot outage ${minutes} min`, r);
  failed = r.problems.length > 0;
} catch (err) {
  console.log(`HubSpot outage ${minutes} min: FAILED: ${(err as Error).message}`);
} finally {
  await (world as HubSpotWorld | null)?.close().catch(() => undefined);
}
process.exit(failed ? 1 : 0);
