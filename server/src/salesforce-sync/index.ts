export { syncSnapshots, type SyncReport } from './sync-snapshots.ts';
export {
  SALESFORCE_SNAPSHOT_JOB,
  salesforceSnapshotJob,
  salesforceSnapshotTask,
  requestSnapshotSync,
  snapshotSyncSpec,
  clearSnapshotPause,
} from './snapshot-job.ts';
