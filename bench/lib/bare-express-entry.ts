/**
 * Child entry: the baseline of the webhook rows. A bare express 5 app whose only route parses the
 * JSON body and answers 200 — the least any webhook endpoint can do — run under the same loader
 * (tsx) as Ringback, so the difference between the two is Ringback's work, not the runtime.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { ChildMessage } from './child.ts';

process.once('message', () => {
  const app = express();
  app.disable('x-powered-by');
  app.post('/webhooks/:provider/:accountId', express.json({ limit: '1mb' }), (req, res) => {
    res.status(200).json({ accepted: typeof req.body === 'object' && req.body !== null });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies ChildMessage);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
});
