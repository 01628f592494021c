/**
 * `POST /webhooks/hubspot` (contract §3; this router is mounted at `/webhooks`, which hands it the
 * raw body): HubSpot's CRM event arrays for every installed portal,
 * verified with `X-HubSpot-Signature-v3` over the raw body and the public URI, then stored as one
 * `hubspot.event` job per event, keyed by portal and event id — a redelivery (HubSpot retries until
 * it gets a 2xx) is the same job, never a second outcome. The answer comes as soon as the events are
 * durably stored; reading the records back from HubSpot happens in the jobs.
 */
import { Router } from 'express';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import { accounts } from '../store/schema.ts';
import { sendError } from './http-error.ts';
import { verifyV3 } from '../crm/hubspot/signature.ts';
import type { HubSpotEvent } from '../crm/hubspot/outcomes.ts';
import { DEMO_PORTAL_ID } from '../sandbox/demo-account.ts';
import { SANDBOX_HUBSPOT_CLIENT_SECRET } from '../sandbox/hubspot-sandbox-seed.ts';
import type { Notice } from '../queue/job-queue.ts';

function isEvent(e: unknown): e is HubSpotEvent {
  const v = e as Partial<HubSpotEvent> | null;
  return !!v && (typeof v.eventId === 'number' || typeof v.eventId === 'string') && v.portalId !== undefined && typeof v.subscriptionType === 'string';
}

export function hubspotWebhookRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/hubspot', async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const events = Array.isArray(parsed) ? parsed : [];

    const appSecret = ctx.config.file?.hubspotApp?.clientSecret;
    // The sandbox has no HubSpot app: its in-process emulator signs with a documented sandbox secret,
    // which is only ever accepted for the sandbox portal.
    const sandboxOnly = !appSecret && ctx.config.sandbox && events.length > 0 && events.every((e) => String((e as HubSpotEvent)?.portalId) === String(DEMO_PORTAL_ID));
    const secret = appSecret ?? (sandboxOnly ? SANDBOX_HUBSPOT_CLIENT_SECRET : null);
    if (!secret) return sendError(res, 401, 'webhook_not_configured', 'no hubspotApp client secret is configured to verify HubSpot webhooks');
    const check = verifyV3({
      secret,
      method: req.method,
      uri: `${ctx.config.publicUrl}${req.originalUrl}`,
      rawBody,
      signature: req.get('x-hubspot-signature-v3'),
      timestamp: req.get('x-hubspot-request-timestamp'),
      now: ctx.clock().getTime(),
    });
    if (!check.ok) {
      ctx.metrics.inc('ringback_webhook_rejected_total', 'Webhooks refused for a bad or missing signature', { provider: 'hubspot', reason: check.code });
      return sendError(res, 401, check.code, check.message);
    }
    if (!Array.isArray(parsed) || !events.every(isEvent)) {
      return sendError(res, 400, 'webhook_malformed', 'expected a JSON array of HubSpot events');
    }

    const portals = [...new Set(events.map((e) => String(e.portalId)))];
    const owners = new Map<string, string>();
    for (const portal of portals) {
      const rows = await ctx.database.db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.crmKind, 'hubspot'), sql`${accounts.crmSettings}->>'portalId' = ${portal}`))
        .orderBy(accounts.id)
        .limit(1);
      if (rows[0]) owners.set(portal, rows[0].id);
    }
    const notices: Array<Notice | null> = [];
    await ctx.database.db.transaction(async (tx) => {
      for (const event of events) {
        const accountId = owners.get(String(event.portalId));
        if (!accountId) continue; // a portal that uninstalled: acknowledged, nothing to do
        notices.push(
          await ctx.queue.enqueueIn(tx, {
            kind: 'hubspot.event',
            key: `hubspot.event:${event.portalId}:${event.eventId}`,
            accountId,
            payload: { accountId, event },
          }),
        );
      }
    });
    await ctx.queue.notify(...notices);
    const fresh = notices.filter((n) => n !== null).length;
    ctx.metrics.inc('ringback_webhook_accepted_total', 'Webhooks stored and acknowledged', { provider: 'hubspot', duplicate: String(fresh === 0) });
    res.status(200).json({ accepted: true, duplicate: notices.length > 0 && fresh === 0, missedCallId: null, events: events.length, stored: fresh });
  });
  return router;
}
