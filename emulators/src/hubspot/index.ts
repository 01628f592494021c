export { createHubSpotEmulator } from './emulator.ts';
export type { HubSpotEmulator, RunningServer } from './emulator.ts';
export { EmulatorState } from './state.ts';
export type { OwnerInput, SeedAssociation } from './state.ts';
export type { RecordEvent } from './records.ts';
export { Faults } from './faults.ts';
export type { StormSpec } from './faults.ts';
export { RequestLog } from './request-log.ts';
export type { RequestLogEntry, RequestLogFilter } from './request-log.ts';
export { Webhooks, ALL_AUTO_EVENTS } from './webhooks.ts';
export type {
  AutoEvent,
  HandMadeEvent,
  SubscribeOptions,
  WebhookDelivery,
  WebhookEvent,
  WebhookSubscription,
} from './webhooks.ts';
export { RateLimiter, DEFAULT_RATE_LIMITS, rateLimitBody } from './rate-limit.ts';
export type { PolicyName, RateLimitBody } from './rate-limit.ts';
export { HubSpotApiError, errorBody } from './errors.ts';
export type { HubSpotErrorBody } from './errors.ts';
export { HUBSPOT_DEFINED_ASSOCIATION_TYPES } from './association-types.ts';
export type { AssociationTypeDef } from './association-types.ts';
export { STANDARD_OBJECT_TYPES } from './object-types.ts';
export { CALL_DISPOSITIONS, DEAL_STAGES } from './default-properties.ts';
export { nationalDigits } from './phone.ts';
export { signatureV3, signatureV1 } from './signature.ts';
export type * from './types.ts';
