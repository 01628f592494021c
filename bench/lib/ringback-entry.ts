/**
 * Child entry: one Ringback process for the bench, started the way `npm run server` (or `npm start`)
 * starts it, but with its environment handed over IPC. Exits when told to (SIGTERM) or when the
 * bench process goes away, so an interrupted bench leaves no server behind.
 */
import { parseEnv } from '../../server/src/config/env.ts';
import { startRingback, type Role, type RunningRingback } from '../../server/src/start.ts';
import type { ChildMessage } from './child.ts';

export interface RingbackSettings {
  env: Record<string, string>;
  role: Role;
}

let running: RunningRingback | null = null;
let stopping = false;

function stop(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 10_000).unref();
  void (running?.close() ?? Promise.resolve()).finally(() => process.exit(0));
}

const reply = (message: ChildMessage) => process.send?.(message);

process.on('SIGTERM', stop);
process.on('disconnect', stop);
process.once('message', (message: { type: 'start'; settings: RingbackSettings }) => {
  startRingback({ env: parseEnv(message.settings.env), role: message.settings.role }).then(
    (r) => {
      running = r;
      reply({ type: 'ready', url: r.url ?? '' });
    },
    (err: Error) => {
      reply({ type: 'failed', message: `ringback did not start: ${err.message}` });
      process.exit(1);
    },
  );
});
