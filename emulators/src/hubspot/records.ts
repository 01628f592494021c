import { addAssociation, associationTypes, parseSpec, requireTypeForPair } from './associations-store.ts';
import type { AssociationTypeDef } from './association-types.ts';
import { HubSpotApiError, propertyValuesError, validationError } from './errors.ts';
import { resolveObjectType, type ObjectTypeInfo } from './object-types.ts';
import { nationalDigits } from './phone.ts';
import { propertiesOf, recordsOf, type Portal } from './portal.ts';
import { normalizeValues } from './property-values.ts';
import type { Clock, StoredRecord } from './types.ts';

// Creating, updating and archiving records: validation, HubSpot's calculated properties, the search index
// versions that model eventual consistency, and the change events webhooks are built from. Basic, batch,
// upsert and the seeding helpers all go through here so they enforce the same rules.

export type RecordEvent =
  | { kind: 'created'; portalId: number; objectTypeId: string; objectId: string; at: number }
  | {
      kind: 'propertyChanged';
      portalId: number;
      objectTypeId: string;
      objectId: string;
      at: number;
      propertyName: string;
      value: string;
    }
  | { kind: 'archived'; portalId: number; objectTypeId: string; objectId: string; at: number };

export interface RecordContext {
  clock: Clock;
  searchLagMs: () => number;
  nextId: () => string;
  onEvent: (event: RecordEvent) => void;
}

export interface WriteOptions {
  /** Seeding may set createdate/lastmodifieddate and other HubSpot-computed values. */
  allowReadOnly?: boolean;
}

export interface PreparedCreate {
  type: ObjectTypeInfo;
  values: Record<string, string>;
  associations: Array<{ def: AssociationTypeDef; toId: string }>;
}

function asPropertyInput(raw: unknown): Record<string, unknown> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw validationError('Invalid input JSON: "properties" must be an object of property names to values');
  }
  return raw as Record<string, unknown>;
}

export function ownerIds(portal: Portal): Set<string> {
  return new Set([...portal.owners.values()].filter((o) => !o.archived).map((o) => o.id));
}

export function validateProperties(
  portal: Portal,
  type: ObjectTypeInfo,
  raw: unknown,
  opts: WriteOptions = {},
): Record<string, string> {
  const { values, errors } = normalizeValues(asPropertyInput(raw), {
    defs: propertiesOf(portal, type.objectTypeId),
    ownerIds: ownerIds(portal),
    allowReadOnly: opts.allowReadOnly ?? false,
  });
  if (errors.length > 0) throw propertyValuesError(errors);
  return values;
}

/** Validate a create (properties, required properties, uniqueness, inline associations) without writing. */
export function prepareCreate(
  portal: Portal,
  type: ObjectTypeInfo,
  input: { properties?: unknown; associations?: unknown },
  opts: WriteOptions = {},
): PreparedCreate {
  const values = validateProperties(portal, type, input.properties, opts);
  const missing = type.requiredProperties.filter((name) => !values[name]);
  if (missing.length > 0) {
    throw validationError(`Error creating ${type.enumName}. Some required properties were not set.`, {
      context: { properties: missing },
    });
  }
  assertUnique(portal, type, values, null);
  return { type, values, associations: prepareInlineAssociations(portal, type, input.associations) };
}

/**
 * Inline associations on create: `[{ to: { id }, types: [{ associationCategory, associationTypeId }] }]`.
 * HubSpot infers the target object type from the association type id, so the id must be one defined from
 * this object type, and the target record must exist.
 */
function prepareInlineAssociations(portal: Portal, type: ObjectTypeInfo, raw: unknown): PreparedCreate['associations'] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw validationError('Invalid input JSON: "associations" must be an array');
  const out: PreparedCreate['associations'] = [];
  for (const item of raw as unknown[]) {
    const toId = String((item as { to?: { id?: unknown } } | null)?.to?.id ?? '');
    const specs = (item as { types?: unknown } | null)?.types;
    if (!toId || !Array.isArray(specs) || specs.length === 0) {
      throw validationError('Invalid input JSON: each association needs "to.id" and at least one type');
    }
    for (const spec of specs as unknown[]) {
      const parsed = parseSpec(spec);
      const match = parsed
        ? associationTypes(portal).find(
            (d) =>
              d.typeId === parsed.associationTypeId &&
              d.category === parsed.associationCategory &&
              d.fromObjectTypeId === type.objectTypeId,
          )
        : undefined;
      const toType = match ? resolveObjectType(match.toObjectTypeId, portal.schemas.values()) : null;
      if (!toType) {
        throw validationError('One or more associations are invalid', {
          context: {
            INVALID_ASSOCIATION_TYPE: [`${JSON.stringify(spec)} is not a valid association type from ${type.enumName}`],
          },
        });
      }
      const def = requireTypeForPair(portal, spec, type, toType);
      const target = recordsOf(portal, toType.objectTypeId).get(toId);
      if (!target || target.archived) throw invalidObjectIds(toType, [toId]);
      out.push({ def, toId });
    }
  }
  return out;
}

export function invalidObjectIds(type: ObjectTypeInfo, ids: string[]): HubSpotApiError {
  return validationError('One or more associations are invalid', {
    context: {
      INVALID_OBJECT_IDS: ids.map((id) => `${type.enumName}=${id} is not valid`),
      objectId: ids,
      objectType: [type.enumName],
    },
  });
}

/** Unique-value properties (and a contact's email) may not repeat across live records of a type. */
export function assertUnique(
  portal: Portal,
  type: ObjectTypeInfo,
  values: Record<string, string>,
  selfId: string | null,
): void {
  const defs = propertiesOf(portal, type.objectTypeId);
  for (const [name, value] of Object.entries(values)) {
    if (!value || name === 'hs_object_id') continue;
    const isEmail = type.objectTypeId === '0-1' && name === 'email';
    if (!isEmail && !defs.get(name)?.hasUniqueValue) continue;
    const clash = findByProperty(portal, type, name, value);
    if (clash && clash.id !== selfId) {
      const message = isEmail
        ? `Contact already exists. Existing ID: ${clash.id}`
        : `A ${type.enumName} with the value '${value}' for unique property '${name}' already exists. Existing ID: ${clash.id}`;
      throw new HubSpotApiError(409, { message, category: 'CONFLICT' });
    }
  }
}

export function findByProperty(
  portal: Portal,
  type: ObjectTypeInfo,
  name: string,
  value: string,
): StoredRecord | undefined {
  const caseless = name === 'email';
  for (const record of recordsOf(portal, type.objectTypeId).values()) {
    if (record.archived) continue;
    const stored = record.properties[name];
    if (stored === undefined) continue;
    if (caseless ? stored.toLowerCase() === value.toLowerCase() : stored === value) return record;
  }
  return undefined;
}

/** A live record by id, or by a unique property when `idProperty` is given (HubSpot's `idProperty`). */
export function findRecord(
  portal: Portal,
  type: ObjectTypeInfo,
  id: string,
  idProperty?: string,
  includeArchived = false,
): StoredRecord | undefined {
  const record =
    idProperty && idProperty !== 'hs_object_id'
      ? findByProperty(portal, type, idProperty, id)
      : recordsOf(portal, type.objectTypeId).get(id);
  if (!record || (record.archived && !includeArchived)) return undefined;
  return record;
}

/** Reject an `idProperty` that is not a unique identifier for the type. */
export function assertIdProperty(portal: Portal, type: ObjectTypeInfo, idProperty: string): void {
  if (idProperty === 'hs_object_id' || (type.objectTypeId === '0-1' && idProperty === 'email')) return;
  if (propertiesOf(portal, type.objectTypeId).get(idProperty)?.hasUniqueValue) return;
  throw validationError(`${idProperty} is not a unique identifier property for ${type.enumName}`, {
    context: { idProperty: [idProperty] },
  });
}

export function commitCreate(ctx: RecordContext, portal: Portal, prepared: PreparedCreate): StoredRecord {
  const { type } = prepared;
  const now = ctx.clock();
  const id = ctx.nextId();
  const record: StoredRecord = {
    id,
    objectTypeId: type.objectTypeId,
    properties: {},
    history: {},
    createdAt: now,
    updatedAt: now,
    archived: false,
    archivedAt: null,
    searchVersions: [],
  };
  const given = Object.fromEntries(Object.entries(prepared.values).filter(([, v]) => v !== ''));
  const initial: Record<string, string> = { ...creationDefaults(type), ...given };
  if (initial[type.createdProperty]) record.createdAt = Date.parse(initial[type.createdProperty]!);
  initial[type.createdProperty] = new Date(record.createdAt).toISOString();
  initial.hs_object_id = id;
  const changed = applyValues(record, type, initial, now);
  if (given[type.modifiedProperty]) record.updatedAt = Date.parse(given[type.modifiedProperty]!);
  record.properties[type.modifiedProperty] = new Date(record.updatedAt).toISOString();
  recordsOf(portal, type.objectTypeId).set(id, record);
  for (const { def, toId } of prepared.associations) addAssociation(portal, def, id, toId);
  indexVersion(ctx, record, now);
  ctx.onEvent({ kind: 'created', portalId: portal.portalId, objectTypeId: type.objectTypeId, objectId: id, at: now });
  emitChanges(ctx, portal, record, changed, now);
  return record;
}

export function createRecord(
  ctx: RecordContext,
  portal: Portal,
  type: ObjectTypeInfo,
  input: { properties?: unknown; associations?: unknown },
  opts: WriteOptions = {},
): StoredRecord {
  return commitCreate(ctx, portal, prepareCreate(portal, type, input, opts));
}

export function updateRecord(
  ctx: RecordContext,
  portal: Portal,
  type: ObjectTypeInfo,
  record: StoredRecord,
  values: Record<string, string>,
): StoredRecord {
  const now = ctx.clock();
  const changed = applyValues(record, type, values, now);
  if (changed.length > 0) {
    record.updatedAt = now;
    record.properties[type.modifiedProperty] = new Date(now).toISOString();
    indexVersion(ctx, record, now);
    emitChanges(ctx, portal, record, changed, now);
  }
  return record;
}

export function archiveRecord(ctx: RecordContext, portal: Portal, record: StoredRecord): void {
  if (record.archived) return;
  const now = ctx.clock();
  record.archived = true;
  record.archivedAt = now;
  indexVersion(ctx, record, now);
  ctx.onEvent({
    kind: 'archived',
    portalId: portal.portalId,
    objectTypeId: record.objectTypeId,
    objectId: record.id,
    at: now,
  });
}

/** Values HubSpot fills in when a record is created without them. */
function creationDefaults(type: ObjectTypeInfo): Record<string, string> {
  if (type.objectTypeId === '0-3') return { pipeline: 'default' };
  if (type.objectTypeId === '0-5') return { hs_pipeline: '0' };
  if (type.objectTypeId === '0-27') return { hs_task_status: 'NOT_STARTED', hs_task_type: 'TODO' };
  return {};
}

/** Write values (plus the calculated ones they drive); returns the names whose value changed. */
function applyValues(
  record: StoredRecord,
  type: ObjectTypeInfo,
  values: Record<string, string>,
  now: number,
): string[] {
  const next = { ...values, ...calculated(record, type, values, now) };
  const changed: string[] = [];
  for (const [name, value] of Object.entries(next)) {
    const before = record.properties[name] ?? '';
    if (before === value) continue;
    if (value === '') delete record.properties[name];
    else record.properties[name] = value;
    (record.history[name] ??= []).unshift({ value, timestamp: now });
    changed.push(name);
  }
  return changed;
}

function calculated(record: StoredRecord, type: ObjectTypeInfo, values: Record<string, string>, now: number) {
  const out: Record<string, string> = {};
  if (type.objectTypeId === '0-1') {
    if ('phone' in values) out.hs_searchable_calculated_phone_number = nationalDigits(values.phone ?? '');
    if ('mobilephone' in values) out.hs_searchable_calculated_mobile_number = nationalDigits(values.mobilephone ?? '');
  }
  if (type.objectTypeId === '0-3' && 'dealstage' in values) {
    const stage = values.dealstage ?? '';
    out.hs_is_closed_won = String(stage === 'closedwon');
    out.hs_is_closed = String(stage === 'closedwon' || stage === 'closedlost');
  }
  if (
    type.objectTypeId === '0-27' &&
    values.hs_task_status === 'COMPLETED' &&
    record.properties.hs_task_status !== 'COMPLETED'
  ) {
    if (!values.hs_task_completion_date) out.hs_task_completion_date = new Date(now).toISOString();
  }
  return out;
}

function indexVersion(ctx: RecordContext, record: StoredRecord, now: number): void {
  const visibleAt = now + Math.max(0, ctx.searchLagMs());
  record.searchVersions.push({ visibleAt, properties: { ...record.properties }, archived: record.archived });
  // Versions older than the newest already-visible one can never be seen again.
  const lastVisible = record.searchVersions.findLastIndex((v) => v.visibleAt <= now);
  if (lastVisible > 0) record.searchVersions.splice(0, lastVisible);
}

/** The version of a record that search sees at `now`, or null when search does not know it yet. */
export function searchView(record: StoredRecord, now: number): StoredRecord['searchVersions'][number] | null {
  for (let i = record.searchVersions.length - 1; i >= 0; i--) {
    const v = record.searchVersions[i]!;
    if (v.visibleAt <= now) return v;
  }
  return null;
}

const SYSTEM = new Set(['hs_object_id', 'createdate', 'hs_createdate', 'lastmodifieddate', 'hs_lastmodifieddate']);

function emitChanges(ctx: RecordContext, portal: Portal, record: StoredRecord, names: string[], at: number): void {
  for (const propertyName of names) {
    if (SYSTEM.has(propertyName)) continue;
    ctx.onEvent({
      kind: 'propertyChanged',
      portalId: portal.portalId,
      objectTypeId: record.objectTypeId,
      objectId: record.id,
      at,
      propertyName,
      value: record.properties[propertyName] ?? '',
    });
  }
}
