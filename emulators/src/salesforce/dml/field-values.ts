/**
 * Turns a JSON value from a request body into the stored value for one field, or the error Salesforce
 * gives for it. Formats follow the REST API: text as strings (an empty string clears the field),
 * dates `YYYY-MM-DD`, dateTimes ISO-8601 stored as UTC, numbers as JSON numbers or numeric strings.
 */
import type { DmlError } from '../errors.ts';
import { dmlError } from '../errors.ts';
import { toId18 } from '../ids.ts';
import type { FieldDef } from '../schema/types.ts';
import { parseDate, parseDateTime, sfDate, sfDateTime } from '../time-format.ts';

export type Coerced = { ok: true; value: unknown } | { ok: false; error: DmlError };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function deserializeError(field: FieldDef, value: unknown, kind: string): Coerced {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    ok: false,
    error: dmlError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${kind} from ${typeof value === 'string' ? 'VALUE_STRING' : 'VALUE'} value ${shown} or request may be missing a required field`,
      [field.name],
    ),
  };
}

function text(field: FieldDef, value: unknown): Coerced {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return deserializeError(field, value, 'string');
  }
  const s = String(value);
  if (s === '') return { ok: true, value: null };
  if (field.length !== undefined && s.length > field.length) {
    return {
      ok: false,
      error: dmlError(
        'STRING_TOO_LONG',
        `${field.label}: data value too large: ${s.slice(0, 40)} (max length=${field.length})`,
        [field.name],
      ),
    };
  }
  if (field.type === 'email' && !EMAIL_RE.test(s)) {
    return {
      ok: false,
      error: dmlError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${s}`, [field.name]),
    };
  }
  return { ok: true, value: s };
}

function numeric(field: FieldDef, value: unknown): Coerced {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return deserializeError(field, value, field.type === 'int' ? 'int' : 'double');
  if (field.type === 'int' && !Number.isInteger(n)) return deserializeError(field, value, 'int');
  return { ok: true, value: n };
}

export function coerceFieldValue(field: FieldDef, value: unknown): Coerced {
  if (value === null || value === undefined) {
    // A checkbox cannot hold null: Salesforce stores false.
    return { ok: true, value: field.type === 'boolean' ? false : null };
  }
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'phone':
    case 'email':
    case 'picklist':
      return text(field, value);
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return deserializeError(field, value, 'boolean');
    case 'date': {
      const ms = typeof value === 'string' ? parseDate(value) : null;
      return ms === null ? deserializeError(field, value, 'date') : { ok: true, value: sfDate(ms) };
    }
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : null;
      return ms === null ? deserializeError(field, value, 'datetime') : { ok: true, value: sfDateTime(ms) };
    }
    case 'int':
    case 'double':
    case 'currency':
      return numeric(field, value);
    case 'id':
    case 'reference': {
      if (typeof value !== 'string') return deserializeError(field, value, 'id');
      if (value === '') return { ok: true, value: null };
      // Format problems are reported by the reference rules, which know the field's label and targets.
      return { ok: true, value: toId18(value) ?? value };
    }
  }
}
