/**
 * The emulator's whole in-memory world: orgs, their users and records, connected apps and tokens,
 * plus the seed helpers tests and the sandbox use. Seed writes go through the same save logic as the
 * API (so seeded data is data Salesforce would hold) but may set read-only fields.
 */
import type { DmlContext, RuleSource } from '../dml/context.ts';
import { createRecord, updateRecord } from '../dml/save.ts';
import type { SaveOutcome } from '../dml/save.ts';
import { SeedError } from '../errors.ts';
import { newOrgIdentity, toId18 } from '../ids.ts';
import type { CustomFieldSpec, CustomObjectSpec } from '../schema/custom-objects.ts';
import type { ObjectDef, RecordFields } from '../schema/types.ts';
import { runSoql } from '../soql/execute.ts';
import { sfDate } from '../time-format.ts';
import { AuthRegistry } from './auth.ts';
import type { ConnectedApp } from './auth.ts';
import { Org, type RecordObserver } from './org.ts';

export interface UserSeed {
  firstName?: string;
  lastName: string;
  email?: string;
  username?: string;
  isActive?: boolean;
}

export interface AddOrgOptions {
  orgId?: string;
  /** The first user is the default API user and the connected app's run-as user. */
  users?: UserSeed[];
  dailyApiLimit?: number;
  clientId?: string;
  clientSecret?: string;
  rotateRefreshTokens?: boolean;
}

export interface OrgCredentials {
  orgId: string;
  userId: string;
  userIds: string[];
  username: string;
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
}

export interface SeedOptions {
  orgId?: string;
  userId?: string;
}

export class SalesforceState {
  readonly orgs = new Map<string, Org>();
  readonly auth = new AuthRegistry();
  private defaultOrgId: string | null = null;
  private readonly defaultUser = new Map<string, string>();

  constructor(
    private readonly clock: () => number,
    private readonly rules: RuleSource,
    private readonly defaultDailyLimit: number,
    private readonly onRecordSaved: RecordObserver | null = null,
  ) {}

  now(): number {
    return this.clock();
  }

  addOrg(opts: AddOrgOptions = {}): OrgCredentials {
    const identity = newOrgIdentity();
    const orgId = opts.orgId ? (toId18(opts.orgId) ?? opts.orgId) : identity.orgId;
    const org = new Org(orgId, identity.instance, opts.dailyApiLimit ?? this.defaultDailyLimit, this.onRecordSaved);
    this.orgs.set(orgId, org);
    this.defaultOrgId ??= orgId;
    const seeds = opts.users && opts.users.length > 0 ? opts.users : [{ firstName: 'Admin', lastName: 'User' }];
    const userIds = seeds.map((u) => this.addUser(u, orgId));
    const userId = userIds[0] as string;
    this.defaultUser.set(orgId, userId);
    const app = this.auth.registerApp({
      ...(opts.clientId ? { clientId: opts.clientId } : {}),
      ...(opts.clientSecret ? { clientSecret: opts.clientSecret } : {}),
      rotateRefreshTokens: opts.rotateRefreshTokens ?? false,
      runAs: { orgId, userId },
    });
    return {
      orgId,
      userId,
      userIds,
      username: String(org.find(userId)?.fields['Username']),
      accessToken: this.auth.issueAccess(orgId, userId, app.clientId, this.now()),
      refreshToken: this.auth.issueRefresh(orgId, userId, app.clientId),
      clientId: app.clientId,
      clientSecret: app.clientSecret,
    };
  }

  addUser(user: UserSeed, orgId?: string): string {
    const org = this.org(orgId);
    const n = org.all('User', { includeDeleted: true }).length + 1;
    const username = user.username ?? `user${n}@${org.orgId.toLowerCase()}.example.com`;
    const fields: RecordFields = {
      Username: username,
      LastName: user.lastName,
      Email: user.email ?? username,
      IsActive: user.isActive ?? true,
      ...(user.firstName ? { FirstName: user.firstName } : {}),
    };
    const creator = this.defaultUser.get(org.orgId);
    const id = this.unwrap(createRecord(this.seedContext(org, creator ?? ''), org.requireObject('User'), fields));
    if (!creator) {
      // The org's first user has nobody to be created by: it is its own creator.
      const self = { CreatedById: id, LastModifiedById: id };
      this.unwrap(updateRecord(this.seedContext(org, id), org.requireObject('User'), id, self));
    }
    return id;
  }

  registerClient(app: Partial<ConnectedApp> = {}): ConnectedApp {
    return this.auth.registerApp(app);
  }

  issueAccessToken(opts: SeedOptions = {}): string {
    const org = this.org(opts.orgId);
    return this.auth.issueAccess(org.orgId, opts.userId ?? this.userOf(org), null, this.now());
  }

  org(orgId?: string): Org {
    const id = orgId ?? this.defaultOrgId;
    const org = id ? this.orgs.get(toId18(id) ?? id) : undefined;
    if (!org) throw new Error(orgId ? `no such org: ${orgId}` : 'no org yet: call state.addOrg() first');
    return org;
  }

  userOf(org: Org): string {
    return this.defaultUser.get(org.orgId) as string;
  }

  /** Inserts a record as seed data and returns its id; throws SeedError if Salesforce would reject it. */
  insert(sobject: string, fields: RecordFields, opts: SeedOptions = {}): string {
    const org = this.org(opts.orgId);
    return this.unwrap(createRecord(this.seedContext(org, opts.userId), org.requireObject(sobject), fields));
  }

  update(sobject: string, id: string, fields: RecordFields, opts: SeedOptions = {}): void {
    const org = this.org(opts.orgId);
    this.unwrap(updateRecord(this.seedContext(org, opts.userId), org.requireObject(sobject), id, fields));
  }

  get(id: string, orgId?: string): RecordFields | null {
    const rec = this.org(orgId).find(id);
    return rec ? { ...rec.fields } : null;
  }

  records(sobject: string, opts: { orgId?: string; includeDeleted?: boolean } = {}): RecordFields[] {
    const includeDeleted = opts.includeDeleted ?? false;
    return this.org(opts.orgId)
      .all(sobject, { includeDeleted })
      .map((r) => ({ ...r.fields }));
  }

  /** Runs SOQL directly against the store (no API call counted), returning shaped rows. */
  query(soql: string, orgId?: string): RecordFields[] {
    return runSoql(this.org(orgId), soql, { scanAll: false, now: this.now(), versionBase: '/services/data/v62.0' })
      .records;
  }

  /** Converts a lead the way Lead Convert does: a new Account and Contact, the lead marked converted. */
  convertLead(leadId: string, orgId?: string): { contactId: string; accountId: string } {
    const org = this.org(orgId);
    const lead = org.find(leadId);
    if (!lead || lead.type !== 'Lead' || lead.deleted) throw new Error(`no such lead: ${leadId}`);
    if (lead.fields['IsConverted'] === true) throw new Error(`lead already converted: ${leadId}`);
    const f = lead.fields;
    const owner = { orgId: org.orgId, userId: String(f['OwnerId']) };
    const accountId = this.insert('Account', { Name: f['Company'], OwnerId: f['OwnerId'] }, owner);
    const contactFields: RecordFields = { AccountId: accountId, OwnerId: f['OwnerId'] };
    for (const name of ['FirstName', 'LastName', 'Phone', 'MobilePhone', 'Email']) {
      if (f[name] != null) contactFields[name] = f[name];
    }
    const contactId = this.insert('Contact', contactFields, owner);
    this.update(
      'Lead',
      lead.id,
      {
        IsConverted: true,
        ConvertedContactId: contactId,
        ConvertedAccountId: accountId,
        ConvertedDate: sfDate(this.now()),
        Status: 'Closed - Converted',
      },
      owner,
    );
    return { contactId, accountId };
  }

  defineObject(spec: CustomObjectSpec, orgId?: string): ObjectDef {
    return this.org(orgId).defineObject(spec);
  }

  defineField(sobject: string, spec: CustomFieldSpec, orgId?: string): void {
    this.org(orgId).defineField(sobject, spec);
  }

  setPicklist(
    sobject: string,
    field: string,
    values: readonly string[],
    opts: { restricted?: boolean; default?: string; orgId?: string } = {},
  ): void {
    this.org(opts.orgId).setPicklist(sobject, field, values, opts);
  }

  dmlContext(org: Org, userId: string): DmlContext {
    return { org, userId, now: this.now(), rules: this.rules };
  }

  toJSON() {
    return { orgs: [...this.orgs.values()].map((o) => o.toJSON()), connectedApps: [...this.auth.apps.keys()] };
  }

  private seedContext(org: Org, userId?: string): DmlContext {
    return { ...this.dmlContext(org, userId ?? this.userOf(org)), seed: true };
  }

  private unwrap(outcome: SaveOutcome): string {
    if (!outcome.ok) throw new SeedError(outcome.errors);
    return outcome.id;
  }
}
