/**
 * The list of what the server is made of: every route group and every job kind, in one place, so a
 * newcomer can see the whole and a new module is one line here.
 */
import type { AppContext } from './app-context.ts';
import type { AppRoutes } from './http/app.ts';
import { jobRoutes } from './api/job-routes.ts';

export function buildRoutes(ctx: AppContext): AppRoutes {
  return { api: [jobRoutes(ctx)] };
}

export function registerJobs(_ctx: AppContext): void {}
