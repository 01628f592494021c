/**
 * One Salesforce org: its schema (a private copy, so orgs can differ), its records, its daily API
 * allocation and its open query cursors. Records are immutable values replaced on every write, which
 * makes an all-or-none rollback a matter of restoring the previous map.
 */
import { IdFactory, keyPrefixOf, toId18 } from '../ids.ts';
import { customFieldDef, customObjectDef, SchemaDefinitionError } from '../schema/custom-objects.ts';
import type { CustomFieldSpec, CustomObjectSpec } from '../schema/custom-objects.ts';
import { standardObjects, WHAT_TARGETS } from '../schema/standard-objects.ts';
import type { ObjectDef, RecordFields } from '../schema/types.ts';
import { fieldOf, picklist } from '../schema/types.ts';

export interface StoredRecord {
  readonly type: string;
  readonly id: string;
  readonly fields: Readonly<RecordFields>;
  readonly deleted: boolean;
  /**
   * What the search index has seen, oldest first: SOSL matches against the newest entry older than
   * the index lag, so a fresh record or a fresh phone number is found only after the lag.
   */
  readonly indexed: ReadonlyArray<{ at: number; fields: Readonly<RecordFields> }>;
}

export interface QueryCursor {
  /** Fully shaped result records, the page boundaries cut from it. */
  records: RecordFields[];
  batchSize: number;
  scanAll: boolean;
  createdAt: number;
}

const INDEX_HISTORY = 4;

/** Called synchronously after a record is stored (created, updated or deleted). */
export type RecordObserver = (orgId: string, record: StoredRecord) => void;

export class Org {
  readonly ids: IdFactory;
  private readonly schema = new Map<string, ObjectDef>();
  private records = new Map<string, StoredRecord>();
  readonly cursors = new Map<string, QueryCursor>();
  apiUsage = 0;
  private customPrefixCounter = 0;

  constructor(
    readonly orgId: string,
    instance: string,
    public dailyApiLimit: number,
    /** Told of every record written (see `SalesforceEmulatorOptions.onRecordSaved`). */
    private readonly onSaved: RecordObserver | null = null,
  ) {
    this.ids = new IdFactory(instance);
    for (const def of standardObjects()) this.schema.set(def.name.toLowerCase(), def);
  }

  objectDef(name: string): ObjectDef | undefined {
    return this.schema.get(name.toLowerCase());
  }

  objectDefs(): ObjectDef[] {
    return [...this.schema.values()];
  }

  objectByKeyPrefix(prefix: string): ObjectDef | undefined {
    for (const def of this.schema.values()) if (def.keyPrefix === prefix) return def;
    return undefined;
  }

  defineObject(spec: CustomObjectSpec): ObjectDef {
    if (this.objectDef(spec.name)) throw new SchemaDefinitionError(`object already defined: ${spec.name}`);
    this.customPrefixCounter += 1;
    const prefix = `a${this.customPrefixCounter.toString(36).padStart(2, '0')}`;
    const def = customObjectDef(spec, prefix);
    this.schema.set(def.name.toLowerCase(), def);
    // Activities can be related to any custom object, as in Salesforce.
    for (const activity of ['Task', 'Event']) {
      const whatId = this.objectDef(activity)?.fields.get('WhatId');
      if (whatId?.referenceTo && !whatId.referenceTo.includes(def.name)) whatId.referenceTo.push(def.name);
    }
    return def;
  }

  defineField(sobject: string, spec: CustomFieldSpec): void {
    const def = this.requireObject(sobject);
    if (fieldOf(def, spec.name)) throw new SchemaDefinitionError(`field already defined: ${sobject}.${spec.name}`);
    const field = customFieldDef(spec);
    def.fields.set(field.name, field);
  }

  setPicklist(
    sobject: string,
    fieldName: string,
    values: readonly string[],
    opts: { restricted?: boolean; default?: string } = {},
  ) {
    const field = fieldOf(this.requireObject(sobject), fieldName);
    if (!field || field.type !== 'picklist') throw new SchemaDefinitionError(`not a picklist: ${sobject}.${fieldName}`);
    field.picklistValues = picklist(values, opts.default);
    if (opts.restricted !== undefined) field.restrictedPicklist = opts.restricted;
    if (opts.default !== undefined) {
      field.defaultValue = opts.default;
      field.defaultedOnCreate = true;
    }
  }

  requireObject(name: string): ObjectDef {
    const def = this.objectDef(name);
    if (!def) throw new SchemaDefinitionError(`no such object: ${name}`);
    return def;
  }

  /** The record for any 15- or 18-character id, deleted or not. */
  find(rawId: string): StoredRecord | undefined {
    const id = toId18(rawId);
    return id ? this.records.get(id) : undefined;
  }

  typeOfId(rawId: string): ObjectDef | undefined {
    return this.objectByKeyPrefix(keyPrefixOf(rawId));
  }

  all(type: string, opts: { includeDeleted?: boolean } = {}): StoredRecord[] {
    const out: StoredRecord[] = [];
    const wanted = type.toLowerCase();
    for (const rec of this.records.values()) {
      if (rec.type.toLowerCase() === wanted && (opts.includeDeleted || !rec.deleted)) out.push(rec);
    }
    return out;
  }

  put(type: string, id: string, fields: RecordFields, at: number, opts: { deleted?: boolean } = {}): StoredRecord {
    const prev = this.records.get(id);
    const indexed = [...(prev?.indexed ?? []), { at, fields }].slice(-INDEX_HISTORY);
    const rec: StoredRecord = { type, id, fields, deleted: opts.deleted ?? false, indexed };
    this.records.set(id, rec);
    this.onSaved?.(this.orgId, rec);
    return rec;
  }

  /** A restorable copy of the record set, for all-or-none requests. */
  snapshot(): Map<string, StoredRecord> {
    return new Map(this.records);
  }

  restore(snapshot: Map<string, StoredRecord>): void {
    this.records = snapshot;
  }

  /** Query locators look like record ids with the 01g prefix. */
  nextCursorId(): string {
    return this.ids.next('01g');
  }

  whatTargets(): string[] {
    return [
      ...WHAT_TARGETS,
      ...this.objectDefs()
        .filter((d) => d.custom)
        .map((d) => d.name),
    ];
  }

  toJSON() {
    const byType: Record<string, RecordFields[]> = {};
    for (const rec of this.records.values()) {
      (byType[rec.type] ??= []).push({ ...rec.fields, ...(rec.deleted ? { IsDeleted: true } : {}) });
    }
    return {
      orgId: this.orgId,
      apiUsage: { used: this.apiUsage, max: this.dailyApiLimit },
      objects: this.objectDefs().map((d) => d.name),
      records: byType,
    };
  }
}
