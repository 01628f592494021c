/**
 * `POST /webhooks/:provider/:accountId`: verify on the raw bytes, parse, store durably, answer — fast,
 * because CallRail does not retry and may disable a slow endpoint. Folding into cases is the
 * `webhook.fold` job the store commits with the event (cases/webhook-intake.ts). Answers per contract §3.
 */
import { Router, type Request } from 'express';
import type { AppContext } from '../app-context.ts';
import { isProvider, providers, type InboundRequest, type ProviderSecrets } from '../providers/index.ts';
import { WebhookIntake } from '../cases/webhook-intake.ts';
import { sendError } from './http-error.ts';

/** Headers worth keeping with the stored event (audit), never secrets or signatures. */
const KEPT_HEADERS = ['content-type', 'user-agent', 'x-request-id', 'x-forwarded-for', 'i-twilio-idempotency-token'];

export function inboundRequest(req: Request, publicUrl: string): InboundRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) query[name] = Array.isArray(value) ? String(value[0]) : String(value ?? '');
  return {
    rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    contentType: req.headers['content-type'],
    headers,
    query,
    publicUrl: `${publicUrl}${req.originalUrl}`,
  };
}

export function webhookRoutes(ctx: AppContext): Router {
  const router = Router();
  const intake = new WebhookIntake(ctx);
  router.post('/:provider/:accountId', async (req, res) => {
    const { provider, accountId } = req.params as { provider: string; accountId: string };
    if (!isProvider(provider)) return sendError(res, 404, 'unknown_provider', `no webhook endpoint for provider ${provider}`);
    const account = await ctx.accounts.get(accountId);
    if (!account) return sendError(res, 404, 'unknown_account', `no account ${accountId}`);
    req.log.setBindings({ accountId, provider });

    const inbound = inboundRequest(req, ctx.config.publicUrl);
    const secrets = account.secrets.get(provider) as ProviderSecrets[typeof provider] | undefined;
    const adapter = providers[provider];
    const verified = secrets
      ? adapter.verify(inbound, secrets as never)
      : ({ ok: false, code: 'webhook_not_configured', message: `${provider} is not configured for account ${accountId}` } as const);
    if (!verified.ok) {
      ctx.metrics.inc('ringback_webhook_rejected_total', 'Webhooks refused for a bad or missing signature', { provider, reason: verified.code });
      return sendError(res, 401, verified.code, verified.message);
    }

    const mapping = provider === 'invoca' ? (secrets as unknown as { mapping?: Record<string, string> }).mapping : undefined;
    const parsed = adapter.parse(inbound, { receivedAt: ctx.clock(), ...(mapping ? { invocaMapping: mapping } : {}) });
    if (!parsed.ok) {
      ctx.metrics.inc('ringback_webhook_malformed_total', 'Authenticated webhooks whose body could not be parsed', { provider });
      return sendError(res, parsed.code === 'webhook_unsupported_media_type' ? 415 : 400, parsed.code, parsed.message);
    }

    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) if (inbound.headers[name]) headers[name] = inbound.headers[name]!;
    const result = await intake.store(account.account.id, {
      provider,
      kind: parsed.kind,
      providerCallId: parsed.providerCallId,
      event: parsed.event,
      note: parsed.note,
      body: inbound.rawBody,
      contentType: inbound.contentType ?? null,
      headers,
      query: withoutSecrets(inbound.query),
    });
    ctx.metrics.inc('ringback_webhook_accepted_total', 'Webhooks stored and acknowledged', { provider, duplicate: String(result.duplicate) });
    res.status(200).json({ accepted: true, duplicate: result.duplicate, missedCallId: result.missedCallId });
  });
  return router;
}

/** Invoca authenticates with `?token=`: it must not be stored with the event. */
function withoutSecrets(query: Record<string, string>): Record<string, string> {
  const { token: _token, ...rest } = query;
  return rest;
}
