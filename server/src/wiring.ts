/**
 * The list of what the server is made of: every route group and every job kind, in one place, so a
 * newcomer can see the whole and a new module is one line here.
 */
import type { AppContext } from './app-context.ts';
import type { AppRoutes } from './http/app.ts';
import { jobRoutes } from './api/job-routes.ts';
import { webhookRoutes } from './http/webhook-routes.ts';
import { missedCallRoutes } from './api/missed-call-routes.ts';
import { eventRoutes } from './api/event-routes.ts';
import { accountRoutes } from './api/account-routes.ts';
import { FOLD_JOB, FOLD_LEASE_MS, foldWebhooksJob } from './jobs/fold-webhooks.ts';
import { reprocessWebhookJob } from './jobs/reprocess-webhook.ts';
import { crmRepeatJob, crmSpamJob, crmWriteJob } from './crm/crm-jobs.ts';
import { callRailReconcileJob, callRailReconcileTask } from './reconcile/callrail-reconcile.ts';
import type { PeriodicTask } from './jobs/periodic.ts';
import { HISTORY_JOB, sandboxHistoryJob, sandboxHistoryTask } from './sandbox/history-job.ts';
import { TRAFFIC_JOB, sandboxTrafficJob, sandboxTrafficTask } from './sandbox/traffic-job.ts';
import { setupRoutes } from './api/setup-routes.ts';
import { consoleRoutes } from './console/console-routes.ts';
import { recoveryRoutes } from './api/recovery-routes.ts';
import { outcomeRoutes } from './api/outcome-routes.ts';
import { escalateCaseJob } from './jobs/escalate-case.ts';
import { crmEscalateJob } from './jobs/crm-escalate.ts';
import { RECOVERY_PERIODIC_JOB, recoveryPeriodicTask, recoveryRefreshJob } from './recovery/index.ts';
import { createHubSpotPort } from './crm/hubspot/index.ts';
import { hubspotWebhookRoutes } from './http/hubspot-webhook-routes.ts';
import { hubspotInstallApiRoutes, hubspotOAuthRoutes } from './oauth/hubspot-oauth-routes.ts';
import { sandboxHubSpotRoutes } from './sandbox/hubspot-sandbox.ts';
import { hubspotEventJob, hubspotPollJob } from './jobs/hubspot-outcome-jobs.ts';
import { HUBSPOT_POLL_JOB, hubspotOutcomePollTask } from './jobs/hubspot-poll-schedule.ts';
import { createSalesforcePort, salesforceApiRoutes } from './crm/salesforce/index.ts';
import { salesforceOAuthRoutes } from './oauth/salesforce-routes.ts';
import { hubspotAppRoutes } from './hubspot-app/index.ts';
import { SALESFORCE_POLL_JOB, salesforceOutcomePollTask, salesforceOutcomesJob } from './jobs/salesforce-outcomes.ts';
import { SALESFORCE_SNAPSHOT_JOB, salesforceSnapshotJob, salesforceSnapshotTask } from './salesforce-sync/index.ts';

export function buildRoutes(ctx: AppContext): AppRoutes {
  return {
    webhooks: [webhookRoutes(ctx), hubspotWebhookRoutes(ctx)],
    api: [accountRoutes(ctx), missedCallRoutes(ctx), eventRoutes(ctx), jobRoutes(ctx), recoveryRoutes(ctx), outcomeRoutes(ctx), hubspotInstallApiRoutes(ctx), salesforceApiRoutes(ctx), setupRoutes(ctx)],
    extra: [hubspotOAuthRoutes(ctx), sandboxHubSpotRoutes(ctx), salesforceOAuthRoutes(ctx), hubspotAppRoutes(ctx), consoleRoutes(ctx)],
  };
}

export function registerJobs(ctx: AppContext): void {
  ctx.queue.register(FOLD_JOB, foldWebhooksJob(ctx), { leaseMs: FOLD_LEASE_MS });
  ctx.queue.register('webhook.reprocess', reprocessWebhookJob(ctx));
  ctx.queue.register('crm.write', crmWriteJob(ctx));
  ctx.queue.register('crm.repeat', crmRepeatJob(ctx));
  ctx.queue.register('crm.spam', crmSpamJob(ctx));
  ctx.queue.register('callrail.reconcile', callRailReconcileJob(ctx));
  ctx.queue.register(HISTORY_JOB, sandboxHistoryJob(ctx));
  ctx.queue.register(TRAFFIC_JOB, sandboxTrafficJob(ctx));
  ctx.queue.register('case.escalate', escalateCaseJob(ctx));
  ctx.queue.register('crm.escalate', crmEscalateJob(ctx));
  ctx.queue.register('recovery.refresh', recoveryRefreshJob(ctx));
  ctx.queue.register(RECOVERY_PERIODIC_JOB, recoveryRefreshJob(ctx));
  ctx.queue.register('hubspot.event', hubspotEventJob(ctx));
  ctx.queue.register(HUBSPOT_POLL_JOB, hubspotPollJob(ctx));
  ctx.queue.register(SALESFORCE_POLL_JOB, salesforceOutcomesJob(ctx));
  ctx.queue.register(SALESFORCE_SNAPSHOT_JOB, salesforceSnapshotJob(ctx));
}

/** One line per CRM adapter (crm/<kind>/). */
export function registerCrmAdapters(ctx: AppContext): void {
  ctx.crm.register('hubspot', createHubSpotPort);
  ctx.crm.register('salesforce', createSalesforcePort);
}

/** Per-account work every worker schedules on a clock (jobs/periodic.ts). */
export function periodicTasks(): PeriodicTask[] {
  return [callRailReconcileTask, sandboxHistoryTask, sandboxTrafficTask, recoveryPeriodicTask, hubspotOutcomePollTask, salesforceOutcomePollTask, salesforceSnapshotTask];
}
