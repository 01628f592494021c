import type { PropertyError } from './errors.ts';
import type { PropertyDefinition } from './types.ts';

// Validation and normalization of property values on write, following HubSpot's rules: every value
// travels as a string; unknown properties, read-only ones and values outside an enumeration's options
// are refused with the per-property error codes HubSpot reports.

export interface ValueContext {
  defs: Map<string, PropertyDefinition>;
  /** Owner ids that hubspot_owner_id (and other owner-backed enumerations) may take. */
  ownerIds: Set<string>;
  /** Seeding may set timestamps HubSpot normally computes itself. */
  allowReadOnly: boolean;
}

export interface NormalizedValues {
  /** Normalized string per property; '' clears the value. */
  values: Record<string, string>;
  errors: PropertyError[];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const EPOCH_MS = /^-?\d+$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function normalizeValues(input: Record<string, unknown>, ctx: ValueContext): NormalizedValues {
  const values: Record<string, string> = {};
  const errors: PropertyError[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const def = ctx.defs.get(name);
    if (!def || def.archived) {
      errors.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (def.readOnlyValue && !ctx.allowReadOnly) {
      errors.push({
        name,
        error: 'READ_ONLY_VALUE',
        message: `${name} is a read only property; its value cannot be set.`,
      });
      continue;
    }
    if (raw === null || raw === undefined || raw === '') {
      values[name] = '';
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      errors.push({ name, error: 'INVALID_VALUE', message: `${JSON.stringify(raw)} is not a valid value for ${name}` });
      continue;
    }
    const result = normalizeOne(def, String(raw), ctx);
    if (typeof result === 'string') values[name] = result;
    else errors.push({ name, ...result });
  }
  return { values, errors };
}

type Problem = { error: string; message: string };

function normalizeOne(def: PropertyDefinition, value: string, ctx: ValueContext): string | Problem {
  switch (def.type) {
    case 'string':
      if (value.length > 65536)
        return { error: 'INVALID_STRING', message: `${def.name} is longer than 65536 characters` };
      return value;
    case 'number': {
      const trimmed = value.trim();
      if (!NUMBER.test(trimmed)) return { error: 'INVALID_DECIMAL', message: `${value} was not a valid number.` };
      return trimmed;
    }
    case 'bool': {
      const lower = value.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        return { error: 'INVALID_BOOLEAN', message: `${value} was not a valid boolean (true or false).` };
      }
      return lower;
    }
    case 'datetime':
      return normalizeDatetime(value);
    case 'date':
      return normalizeDate(value);
    case 'enumeration':
      return normalizeEnumeration(def, value, ctx);
  }
}

/** Epoch milliseconds or an ISO 8601 date-time; stored and returned as ISO 8601 in UTC. */
export function normalizeDatetime(value: string): string | Problem {
  const trimmed = value.trim();
  let ms: number = Number.NaN;
  if (EPOCH_MS.test(trimmed)) ms = Number(trimmed);
  else if (ISO_DATETIME.test(trimmed)) ms = Date.parse(trimmed);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    return { error: 'INVALID_LONG', message: `${value} is not a valid datetime (epoch milliseconds or ISO 8601).` };
  }
  return new Date(ms).toISOString();
}

/** A calendar date: YYYY-MM-DD, or epoch milliseconds at midnight UTC. */
function normalizeDate(value: string): string | Problem {
  const trimmed = value.trim();
  if (DATE_ONLY.test(trimmed) && Number.isFinite(Date.parse(`${trimmed}T00:00:00Z`))) return trimmed;
  if (EPOCH_MS.test(trimmed)) {
    const ms = Number(trimmed);
    if (ms % 86_400_000 !== 0) {
      return { error: 'INVALID_DATE', message: `${value} is not at midnight UTC; date properties hold whole days.` };
    }
    return new Date(ms).toISOString().slice(0, 10);
  }
  return { error: 'INVALID_DATE', message: `${value} is not a valid date (YYYY-MM-DD or epoch milliseconds).` };
}

function normalizeEnumeration(def: PropertyDefinition, value: string, ctx: ValueContext): string | Problem {
  if (def.externalOptions) {
    if (!ctx.ownerIds.has(value.trim())) {
      return { error: 'INVALID_OWNER_ID', message: `${value} is not a valid owner id` };
    }
    return value.trim();
  }
  const allowed = def.options.map((o) => o.value);
  // Multi-select checkboxes hold several options separated by semicolons.
  const parts = def.fieldType === 'checkbox' ? value.split(';').filter((p) => p !== '') : [value];
  for (const part of parts) {
    if (!allowed.includes(part)) {
      return {
        error: 'INVALID_OPTION',
        message: `${part} was not one of the allowed options: [${allowed.join(', ')}]`,
      };
    }
  }
  return parts.join(';');
}

/** Milliseconds of a stored datetime/date/number value, for comparisons in search. */
export function comparableNumber(def: PropertyDefinition | undefined, stored: string): number {
  if (!def) return Number(stored);
  if (def.type === 'datetime' || def.type === 'date') {
    return EPOCH_MS.test(stored.trim())
      ? Number(stored)
      : Date.parse(def.type === 'date' && DATE_ONLY.test(stored) ? `${stored}T00:00:00Z` : stored);
  }
  return Number(stored);
}
