/**
 * Ringback's own HubSpot properties, in their own `ringback` group on contacts, calls and tasks:
 * `ringback_created` (the contact was created by Ringback), `ringback_key` (the marker that makes
 * writes idempotent: unique on contacts, so contacts are upserted by it; a plain string on calls and
 * tasks, where HubSpot allows no unique values, searched for after a crash) and `ringback_source`
 * (the call-tracking source of a contact Ringback created).
 *
 * Created at install or, for private-app tokens, before the first write (a marker in `cursors` says
 * a portal has them, so later processes skip the check). An admin may delete them later: a write
 * refused over a `ringback_*` property recreates them and is sent once more.
 */
import type { HubSpotClient } from './client.ts';
import { HubSpotError, isMissingRingbackProperty } from './errors.ts';

export type RingbackObjectType = 'contacts' | 'calls' | 'tasks';

interface PropertyCreate {
  name: string;
  label: string;
  description: string;
  groupName: string;
  type: 'string' | 'bool';
  fieldType: 'text' | 'booleancheckbox';
  hasUniqueValue?: boolean;
  options?: Array<{ label: string; value: string; displayOrder: number; hidden: boolean }>;
}

export const RINGBACK_GROUP = 'ringback';

const key = (what: string, unique = false): PropertyCreate => ({
  name: 'ringback_key',
  label: 'Ringback key',
  description: `Set by Ringback on the ${what} it writes, so a retried write finds the record instead of making a second one.`,
  groupName: RINGBACK_GROUP,
  type: 'string',
  fieldType: 'text',
  ...(unique ? { hasUniqueValue: true } : {}),
});

export const RINGBACK_PROPERTIES: Record<RingbackObjectType, PropertyCreate[]> = {
  contacts: [
    {
      name: 'ringback_created',
      label: 'Created by Ringback',
      description: 'Ringback created this contact from a missed call by an unknown number.',
      groupName: RINGBACK_GROUP,
      type: 'bool',
      fieldType: 'booleancheckbox',
      options: [
        { label: 'Yes', value: 'true', displayOrder: 0, hidden: false },
        { label: 'No', value: 'false', displayOrder: 1, hidden: false },
      ],
    },
    key('contacts', true),
    {
      name: 'ringback_source',
      label: 'Ringback call source',
      description: 'The call-tracking source (ad, listing, campaign) of the missed call that created this contact.',
      groupName: RINGBACK_GROUP,
      type: 'string',
      fieldType: 'text',
    },
  ],
  calls: [key('calls')],
  tasks: [key('tasks')],
};

/** Remembers, across processes and restarts, that a portal has the properties (the `cursors` table). */
export interface PropertiesMarker {
  isSet(): Promise<boolean>;
  set(): Promise<void>;
}

export class RingbackProperties {
  private ensured: Promise<void> | null = null;
  private known: Promise<void> | null = null;
  private generation = 0;

  constructor(
    private readonly client: HubSpotClient,
    private readonly marker: PropertiesMarker,
  ) {}

  /** Creates the group and any missing property on every type. */
  ensure(): Promise<void> {
    if (!this.ensured) this.restart();
    return this.ensured!;
  }

  /**
   * Before the first write of this process: nothing when the portal is known to have the properties,
   * else they are created first — so a new portal's first writes are not refused one by one.
   */
  ready(): Promise<void> {
    if (!this.known) {
      const run = this.marker.isSet().then((set) => (set ? undefined : this.ensure()));
      this.known = run;
      run.catch(() => {
        if (this.known === run) this.known = null;
      });
    }
    return this.known;
  }

  /** Runs a write; when HubSpot refuses it over a `ringback_*` property, recreates them and retries once. */
  async withProperties<T>(write: () => Promise<T>): Promise<T> {
    await this.ready();
    const seen = this.generation;
    try {
      return await write();
    } catch (err) {
      if (!isMissingRingbackProperty(err)) throw err;
      // Concurrent writes that hit the same deletion share one repair.
      if (this.generation === seen) this.restart();
      await this.ensured;
      return write();
    }
  }

  private restart(): void {
    this.generation += 1;
    const run = this.ensureAll().then(() => this.marker.set());
    this.ensured = run;
    run.catch(() => {
      if (this.ensured === run) this.ensured = null;
    });
  }

  private async ensureAll(): Promise<void> {
    for (const type of Object.keys(RINGBACK_PROPERTIES) as RingbackObjectType[]) await this.ensureType(type);
  }

  private async ensureType(type: RingbackObjectType): Promise<void> {
    const wanted = RINGBACK_PROPERTIES[type];
    try {
      await this.client.request({
        method: 'POST',
        path: `/crm/v3/properties/${type}/groups`,
        body: { name: RINGBACK_GROUP, label: 'Ringback', displayOrder: -1 },
        what: `create the ringback property group on ${type}`,
      });
    } catch (err) {
      if (!(err instanceof HubSpotError && err.httpStatus === 409)) throw err;
    }
    const existing = await this.client.request<{ results?: Array<{ name: string }> }>({
      method: 'POST',
      path: `/crm/v3/properties/${type}/batch/read`,
      body: { archived: false, inputs: wanted.map((p) => ({ name: p.name })) },
      what: `read Ringback properties on ${type}`,
      idempotent: true,
    });
    const have = new Set((existing.results ?? []).map((p) => p.name));
    const missing = wanted.filter((p) => !have.has(p.name));
    if (missing.length === 0) return;
    try {
      await this.client.request({
        method: 'POST',
        path: `/crm/v3/properties/${type}/batch/create`,
        body: { inputs: missing },
        what: `create Ringback properties on ${type}`,
      });
    } catch (err) {
      // Another process created them between our read and our create.
      if (!(err instanceof HubSpotError && err.httpStatus === 409)) throw err;
    }
  }
}
