/** The recovery engine's public surface: metrics, location pages, and the jobs that keep them fresh. */
export { recoveryGroups } from './recovery-groups.ts';
export type { RecoveryGroup } from './groups.ts';
export { locationRecovery } from './location-recovery.ts';
export type { LocationRecovery, LocationSummary, DailyPoint } from './location-recovery.ts';
export { recoveryRefreshJob, recoveryPeriodicTask, RECOVERY_PERIODIC_JOB } from './refresh-job.ts';
export { markCasesDirty, markCaseIdsDirty, refreshJobSpec, setRollupMaintenance } from './dirty.ts';
export { priorityFactorsFor } from './priority.ts';
