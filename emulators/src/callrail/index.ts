export { createCallRailEmulator } from './emulator.ts';
export type {
  CallRailEmulator,
  CallRailEmulatorOptions,
  CallRailFaults,
  LoggedRequest,
  RunningEmulator,
} from './emulator.ts';
export { CallRailStore } from './store.ts';
export { callRailWebhookBody, legacyNumericId, signCallRailWebhook } from './webhook-body.ts';
export { DATE_RANGES, MAX_PER_PAGE, parseListQuery, projectCall, selectCalls } from './query.ts';
export type { ListQuery } from './query.ts';
export { DEFAULT_FIELDS, EXTRA_FIELDS } from './types.ts';
export type { CallRailApiCall, CallRailCallInput } from './types.ts';
