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
import { reprocessWebhookJob } from './jobs/reprocess-webhook.ts';
import { crmRepeatJob, crmSpamJob, crmWriteJob } from './crm/crm-jobs.ts';
import { callRailReconcileJob, callRailReconcileTask } from './reconcile/callrail-reconcile.ts';
import type { PeriodicTask } from './jobs/periodic.ts';

export function buildRoutes(ctx: AppContext): AppRoutes {
  return {
    webhooks: [webhookRoutes(ctx)],
    api: [accountRoutes(ctx), missedCallRoutes(ctx), eventRoutes(ctx), jobRoutes(ctx)],
  };
}

export function registerJobs(ctx: AppContext): void {
  ctx.queue.register('webhook.reprocess', reprocessWebhookJob(ctx));
  ctx.queue.register('crm.write', crmWriteJob(ctx));
  ctx.queue.register('crm.repeat', crmRepeatJob(ctx));
  ctx.queue.register('crm.spam', crmSpamJob(ctx));
  ctx.queue.register('callrail.reconcile', callRailReconcileJob(ctx));
}

/** One line per CRM adapter (crm/<kind>/). */
export function registerCrmAdapters(_ctx: AppContext): void {}

/** Per-account work every worker schedules on a clock (jobs/periodic.ts). */
export function periodicTasks(): PeriodicTask[] {
  return [callRailReconcileTask];
}
