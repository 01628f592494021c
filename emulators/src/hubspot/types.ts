import type { RecordEvent } from './records.ts';

// Shapes shared by the HubSpot emulator's store and routes. Names follow HubSpot's own JSON where the value
// travels over the wire (PropertyDefinition, PublicOwner…), so a route can return them without renaming.

export type Clock = () => number;

export interface RateLimitOptions {
  /** Requests per rolling 10 s window per portal (HubSpot: 100–190 depending on tier; default 190). */
  perTenSeconds?: number;
  /** CRM search requests per second per portal (HubSpot documents 5). */
  searchPerSecond?: number;
  /** Requests per day per portal for private-app tokens (default 1,000,000, HubSpot Enterprise). */
  daily?: number;
}

export interface HubSpotEmulatorOptions {
  /** Added before every HubSpot API response (benchmarks use it to model network distance). */
  latencyMs?: number;
  /** Eventual consistency of search: writes become searchable this long after they happen. */
  searchLagMs?: number;
  rateLimit?: RateLimitOptions;
  /** Client secret of the default OAuth app; also signs webhooks when a subscription names no secret. */
  clientSecret?: string;
  /** Client id of the default OAuth app. */
  clientId?: string;
  /** App id reported in token metadata and webhook events. */
  appId?: number;
  /** Source of time for records, rate-limit windows, token expiry and search lag. */
  clock?: Clock;
  /** Delay before a failed webhook delivery is retried (HubSpot retries with back-off). */
  webhookRetryDelayMs?: number;
  /** Retries after the first failed webhook delivery. */
  webhookMaxRetries?: number;
  /**
   * Observer of every record change (the events webhooks are built from), called synchronously once
   * the change is stored: a `created` event's record is readable through `state` by then. Benchmarks
   * use it to time when a record becomes visible without polling the store.
   */
  onRecordEvent?: (event: RecordEvent) => void;
}

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined: boolean;
  /** Set by HubSpot itself (ids, timestamps, calculated values): writes are refused. */
  readOnlyValue: boolean;
  calculated: boolean;
  /** Options live elsewhere (owners): validated against the portal's owners, not `options`. */
  externalOptions: boolean;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface AssociationSpec {
  associationCategory: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  associationTypeId: number;
}

export interface StoredRecord {
  id: string;
  objectTypeId: string;
  properties: Record<string, string>;
  /** Timestamped values per property, for `propertiesWithHistory`. */
  history: Record<string, Array<{ value: string; timestamp: number }>>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt: number | null;
  /**
   * What search sees: each write appends a version that becomes visible `searchLagMs` later, so a record
   * updated a moment ago is still found by its old values, and a new one not at all.
   */
  searchVersions: Array<{ visibleAt: number; properties: Record<string, string>; archived: boolean }>;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  type: 'PERSON' | 'QUEUE';
  archived: boolean;
  teams: Array<{ id: string; name: string; primary: boolean }>;
  createdAt: number;
  updatedAt: number;
}

export interface TokenRecord {
  token: string;
  portalId: number;
  kind: 'private-app' | 'oauth';
  /** Epoch ms; null for private-app tokens, which do not expire. */
  expiresAt: number | null;
  /** Forced expiry (fault injection) regardless of `expiresAt`. */
  revokedAt: number | null;
  appId: number;
  clientId: string | null;
  userId: number;
  user: string;
  scopes: string[];
}

export interface OAuthApp {
  appId: number;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  portalId: number;
  redirectUri: string;
  expiresAt: number;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  portalId: number;
  scopes: string[];
}

export interface CustomSchema {
  objectTypeId: string;
  name: string;
  labels: { singular: string; plural: string };
  fullyQualifiedName: string;
  primaryDisplayProperty: string;
  requiredProperties: string[];
  searchableProperties: string[];
  secondaryDisplayProperties: string[];
  description: string;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}
