/**
 * `npm run soak [-- --minutes 10] [--outage-minutes 4]`: first a HubSpot outage of several minutes
 * (test/soak/crm-outage.ts; 0 skips it), then the reliability suites (kill -9, Redis restart, replay
 * storms, dropped connections, CRM outages of seconds) over and over until the time is up, reporting
 * every round. Any failure is a loss or a duplicate the bounded suites in `npm test` were lucky to miss.
 */
import { spawnSync } from 'node:child_process';

const arg = process.argv.indexOf('--minutes');
const minutes = arg >= 0 ? Number(process.argv[arg + 1]) : 10;
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('soak: --minutes must be a positive number');
  process.exit(2);
}
const outageArg = process.argv.indexOf('--outage-minutes');
const outageMinutes = outageArg >= 0 ? Number(process.argv[outageArg + 1]) : 4;
if (!Number.isFinite(outageMinutes) || outageMinutes < 0) {
  console.error('soak: --outage-minutes must be a number, 0 to skip the long outage');
  process.exit(2);
}
const deadline = Date.now() + minutes * 60_000;
let rounds = 0;
let failures = 0;
if (outageMinutes > 0) {
  const started = Date.now();
  const outage = spawnSync(process.execPath, ['--import', 'tsx', 'test/soak/crm-outage.ts', '--outage-minutes', String(outageMinutes)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (outage.status !== 0) failures++;
  console.log(`soak CRM outage: ${outage.status === 0 ? 'ok' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
}
while (Date.now() < deadline) {
  rounds++;
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', 'test/reliability-', 'test/worker-crash.test.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    // Scenarios too long for `npm test` run here (test/reliability-crm.test.ts `soakOnly`).
    env: { ...process.env, RINGBACK_SOAK: '1' },
  });
  const ok = run.status === 0;
  if (!ok) failures++;
  const summary = (run.stdout.match(/\d+ passed, \d+ failed, \d+ skipped/) ?? ['no summary'])[0];
  console.log(`soak round ${rounds}: ${ok ? 'ok' : 'FAILED'} (${summary}) in ${Math.round((Date.now() - started) / 1000)} s`);
  if (!ok) console.log(run.stdout.split('\n').filter((l) => /FAIL|Error|expected/.test(l)).slice(0, 20).join('\n'));
}
console.log(`soak: ${rounds} rounds, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
