/**
 * `npm run soak [-- --minutes 10]`: runs the reliability suites (kill -9, Redis restart, replay
 * storms, dropped connections, CRM outages) over and over until the time is up, and reports every
 * round. Any failure is a loss or a duplicate the bounded suites in `npm test` were lucky to miss.
 */
import { spawnSync } from 'node:child_process';

const arg = process.argv.indexOf('--minutes');
const minutes = arg >= 0 ? Number(process.argv[arg + 1]) : 10;
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('soak: --minutes must be a positive number');
  process.exit(2);
}
const deadline = Date.now() + minutes * 60_000;
let rounds = 0;
let failures = 0;
while (Date.now() < deadline) {
  rounds++;
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', 'test/reliability-', 'test/worker-crash.test.ts'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const ok = run.status === 0;
  if (!ok) failures++;
  const summary = (run.stdout.match(/\d+ passed, \d+ failed, \d+ skipped/) ?? ['no summary'])[0];
  console.log(`soak round ${rounds}: ${ok ? 'ok' : 'FAILED'} (${summary}) in ${Math.round((Date.now() - started) / 1000)} s`);
  if (!ok) console.log(run.stdout.split('\n').filter((l) => /FAIL|Error|expected/.test(l)).slice(0, 20).join('\n'));
}
console.log(`soak: ${rounds} rounds, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
