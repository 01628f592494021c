import { randomBytes, randomUUID } from 'node:crypto';
import { allAssociations, associationsFrom, defaultTypeBetween, typesBetween } from './associations-store.ts';
import { ownerView } from './owner-view.ts';
import { createPortal, recordsOf, requireObjectType, type Portal } from './portal.ts';
import { createRecord, updateRecord, validateProperties, type RecordContext, type RecordEvent } from './records.ts';
import type {
  AssociationSpec,
  AuthorizationCode,
  Clock,
  OAuthApp,
  Owner,
  RefreshTokenRecord,
  StoredRecord,
  TokenRecord,
} from './types.ts';

// The emulator's in-memory world: portals and their data, access tokens, OAuth apps and grants. Tests and
// the sandbox seed it through the helpers here; the HTTP routes read and write the same objects.

export type SeedAssociation =
  { to: { id: string }; types: AssociationSpec[] } | { toType: string; toId: string; associationTypeId?: number };

export interface OwnerInput {
  email: string;
  firstName?: string;
  lastName?: string;
  id?: string;
  userId?: number;
  archived?: boolean;
  type?: 'PERSON' | 'QUEUE';
  teams?: Owner['teams'];
}

export interface StateOptions {
  clock: Clock;
  searchLagMs: number;
  onRecordEvent: (event: RecordEvent) => void;
}

export class EmulatorState {
  readonly portals = new Map<number, Portal>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly apps = new Map<string, OAuthApp>();
  readonly authCodes = new Map<string, AuthorizationCode>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Portal an /oauth/authorize request installs into when it does not name one. */
  authorizePortalId: number | null = null;
  readonly records: RecordContext;
  private idSeq = 1000;
  private searchLagOverride: number | null = null;

  constructor(private readonly options: StateOptions) {
    this.records = {
      clock: options.clock,
      searchLagMs: () => this.searchLagMs(),
      nextId: () => this.nextId(),
      onEvent: options.onRecordEvent,
    };
  }

  nextId(): string {
    this.idSeq += 1;
    return String(this.idSeq);
  }

  searchLagMs(): number {
    return this.searchLagOverride ?? this.options.searchLagMs;
  }

  setSearchLag(ms: number | null): void {
    this.searchLagOverride = ms;
  }

  /** Create the portal if needed and return a private-app token for it (the one given, or a new one). */
  addPortal(portalId: number, opts: { accessToken?: string } = {}): string {
    if (!Number.isInteger(portalId) || portalId <= 0)
      throw new Error(`portalId must be a positive integer, got ${portalId}`);
    if (!this.portals.has(portalId)) this.portals.set(portalId, createPortal(portalId));
    const token = opts.accessToken ?? `pat-na1-${randomUUID()}`;
    const existing = this.tokens.get(token);
    if (existing && existing.portalId !== portalId)
      throw new Error(`token already belongs to portal ${existing.portalId}`);
    this.tokens.set(token, {
      token,
      portalId,
      kind: 'private-app',
      expiresAt: null,
      revokedAt: null,
      appId: 0,
      clientId: null,
      userId: 0,
      user: '',
      scopes: [],
    });
    return token;
  }

  portal(portalId: number): Portal {
    const portal = this.portals.get(portalId);
    if (!portal) throw new Error(`unknown portal ${portalId}; call addPortal first`);
    return portal;
  }

  addOwner(portalId: number, input: OwnerInput): Owner {
    const portal = this.portal(portalId);
    const now = this.options.clock();
    const userId = input.userId ?? Number(this.nextId());
    const owner: Owner = {
      id: input.id ?? this.nextId(),
      email: input.email,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      userId,
      userIdIncludingInactive: userId,
      type: input.type ?? 'PERSON',
      archived: input.archived ?? false,
      teams: input.teams ?? [],
      createdAt: now,
      updatedAt: now,
    };
    portal.owners.set(owner.id, owner);
    return owner;
  }

  /**
   * Create a record through the same validation as the API (unknown properties, enumerations, required
   * properties), but allowing HubSpot-computed values such as createdate/lastmodifieddate for history.
   */
  createObject(
    portalId: number,
    type: string,
    properties: Record<string, unknown>,
    associations: SeedAssociation[] = [],
  ): StoredRecord {
    const portal = this.portal(portalId);
    const from = requireObjectType(portal, type);
    const inline = associations.map((a) => {
      if ('to' in a) return a;
      const to = requireObjectType(portal, a.toType);
      const def =
        a.associationTypeId === undefined
          ? defaultTypeBetween(portal, from.objectTypeId, to.objectTypeId)
          : (typesBetween(portal, from.objectTypeId, to.objectTypeId).find((t) => t.typeId === a.associationTypeId) ??
            null);
      if (!def) throw new Error(`no association type from ${from.name} to ${to.name}`);
      return { to: { id: a.toId }, types: [{ associationCategory: def.category, associationTypeId: def.typeId }] };
    });
    return createRecord(this.records, portal, from, { properties, associations: inline }, { allowReadOnly: true });
  }

  updateObject(portalId: number, type: string, id: string, properties: Record<string, unknown>): StoredRecord {
    const portal = this.portal(portalId);
    const t = requireObjectType(portal, type);
    const record = recordsOf(portal, t.objectTypeId).get(id);
    if (!record) throw new Error(`no ${t.name} ${id} in portal ${portalId}`);
    return updateRecord(
      this.records,
      portal,
      t,
      record,
      validateProperties(portal, t, properties, { allowReadOnly: true }),
    );
  }

  getObject(portalId: number, type: string, id: string): StoredRecord | undefined {
    const portal = this.portal(portalId);
    return recordsOf(portal, requireObjectType(portal, type).objectTypeId).get(id);
  }

  listObjects(portalId: number, type: string, opts: { includeArchived?: boolean } = {}): StoredRecord[] {
    const portal = this.portal(portalId);
    const records = [...recordsOf(portal, requireObjectType(portal, type).objectTypeId).values()];
    return records.filter((r) => opts.includeArchived || !r.archived);
  }

  /** Records of `toType` associated with one record, with the association type ids. */
  listAssociations(
    portalId: number,
    fromType: string,
    fromId: string,
    toType: string,
  ): Array<{ toObjectId: string; typeIds: number[] }> {
    const portal = this.portal(portalId);
    const from = requireObjectType(portal, fromType);
    const to = requireObjectType(portal, toType);
    return associationsFrom(portal, from.objectTypeId, fromId, to.objectTypeId).map((a) => ({
      toObjectId: a.toObjectId,
      typeIds: a.types.map((t) => t.typeId).sort((x, y) => x - y),
    }));
  }

  addApp(input: Partial<OAuthApp> = {}): OAuthApp {
    const app: OAuthApp = {
      appId: input.appId ?? Number(this.nextId()),
      clientId: input.clientId ?? randomUUID(),
      clientSecret: input.clientSecret ?? randomUUID(),
      scopes: input.scopes ?? ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'oauth'],
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  /** Issue an OAuth access token for a portal (what /oauth/v1/token hands out). */
  issueAccessToken(portalId: number, app: OAuthApp, scopes: string[], expiresInSec: number): TokenRecord {
    const token: TokenRecord = {
      token: `oauth-${randomBytes(24).toString('base64url')}`,
      portalId,
      kind: 'oauth',
      expiresAt: this.options.clock() + expiresInSec * 1000,
      revokedAt: null,
      appId: app.appId,
      clientId: app.clientId,
      userId: 1,
      user: `admin@portal-${portalId}.example`,
      scopes,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  /** Mark a token expired now (fault injection). */
  expireToken(token: string): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.revokedAt = this.options.clock();
    return true;
  }

  /** The whole state as readable JSON (tokens shortened: this is browsable in the sandbox). */
  snapshot(portalId?: number): unknown {
    const portals = [...this.portals.values()].filter((p) => portalId === undefined || p.portalId === portalId);
    return {
      portals: portals.map((p) => ({
        portalId: p.portalId,
        tokens: [...this.tokens.values()]
          .filter((t) => t.portalId === p.portalId)
          .map((t) => ({
            token: `${t.token.slice(0, 12)}…`,
            kind: t.kind,
            expiresAt: t.expiresAt,
            expired: t.revokedAt !== null,
          })),
        owners: [...p.owners.values()].map(ownerView),
        objects: Object.fromEntries(
          [...p.objects.entries()]
            .filter(([, records]) => records.size > 0)
            .map(([typeId, records]) => [
              requireObjectType(p, typeId).name,
              [...records.values()].map((r) => ({
                id: r.id,
                archived: r.archived,
                createdAt: new Date(r.createdAt).toISOString(),
                updatedAt: new Date(r.updatedAt).toISOString(),
                properties: r.properties,
              })),
            ]),
        ),
        associations: allAssociations(p),
        customProperties: Object.fromEntries(
          [...p.properties.entries()].map(([typeId, defs]) => [
            typeId,
            [...defs.values()]
              .filter((d) => !d.hubspotDefined)
              .map((d) => ({
                name: d.name,
                type: d.type,
                fieldType: d.fieldType,
                groupName: d.groupName,
                hasUniqueValue: d.hasUniqueValue,
              })),
          ]),
        ),
        schemas: [...p.schemas.values()],
      })),
      apps: [...this.apps.values()].map((a) => ({ appId: a.appId, clientId: a.clientId })),
    };
  }
}
