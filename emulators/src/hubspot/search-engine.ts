import { validationError } from './errors.ts';
import { nationalDigits } from './phone.ts';
import { comparableNumber } from './property-values.ts';
import type { PropertyDefinition } from './types.ts';

// CRM search semantics: filterGroups are ORed, filters inside a group ANDed; HubSpot's caps on groups,
// filters, sorts, page size and total results; phone properties compared by national digits.

export const SEARCH_LIMITS = {
  filterGroups: 5,
  filtersPerGroup: 6,
  filtersTotal: 18,
  sorts: 1,
  pageSize: 200,
  totalResults: 10_000,
} as const;

export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface Sort {
  propertyName: string;
  direction: 'ASCENDING' | 'DESCENDING';
}

export interface ParsedSearch {
  filterGroups: Filter[][];
  sorts: Sort[];
  query: string | null;
  properties: string[] | undefined;
  limit: number;
  offset: number;
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function parseFilter(raw: unknown, defs: Map<string, PropertyDefinition>): Filter {
  const f = (raw ?? {}) as Record<string, unknown>;
  const propertyName = scalar(f.propertyName);
  const operator = scalar(f.operator) as Operator | undefined;
  if (!propertyName) throw validationError('Each filter needs a propertyName');
  if (!operator || !OPERATORS.includes(operator)) {
    throw validationError(`Invalid operator ${String(f.operator)}; expected one of ${OPERATORS.join(', ')}`);
  }
  if (!defs.has(propertyName)) {
    throw validationError(`There was a problem with the request: property ${propertyName} does not exist`, {
      context: { propertyName: [propertyName] },
    });
  }
  const filter: Filter = { propertyName, operator };
  const value = scalar(f.value);
  const highValue = scalar(f.highValue);
  if (value !== undefined) filter.value = value;
  if (highValue !== undefined) filter.highValue = highValue;
  if (Array.isArray(f.values)) filter.values = f.values.map((v) => scalar(v) ?? '');
  const needsValue = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'];
  if (needsValue.includes(operator) && filter.value === undefined) {
    throw validationError(`Operator ${operator} on ${propertyName} needs a value`);
  }
  if (operator === 'BETWEEN' && (filter.value === undefined || filter.highValue === undefined)) {
    throw validationError(`Operator BETWEEN on ${propertyName} needs value and highValue`);
  }
  if ((operator === 'IN' || operator === 'NOT_IN') && (!filter.values || filter.values.length === 0)) {
    throw validationError(`Operator ${operator} on ${propertyName} needs a non-empty values array`);
  }
  return filter;
}

function parseSort(raw: unknown): Sort {
  if (typeof raw === 'string') {
    // The generated clients type sorts as strings; a leading '-' asks for descending order.
    return raw.startsWith('-')
      ? { propertyName: raw.slice(1), direction: 'DESCENDING' }
      : { propertyName: raw, direction: 'ASCENDING' };
  }
  const s = (raw ?? {}) as Record<string, unknown>;
  const propertyName = scalar(s.propertyName);
  if (!propertyName) throw validationError('Each sort needs a propertyName');
  const direction = scalar(s.direction) ?? 'ASCENDING';
  if (direction !== 'ASCENDING' && direction !== 'DESCENDING') {
    throw validationError(`Invalid sort direction ${direction}; expected ASCENDING or DESCENDING`);
  }
  return { propertyName, direction };
}

/** Check a search body against HubSpot's documented limits, or throw its 400. */
export function parseSearch(body: unknown, defs: Map<string, PropertyDefinition>): ParsedSearch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError('Invalid input JSON: a search request object was expected');
  }
  const b = body as Record<string, unknown>;
  const groups = b.filterGroups === undefined ? [] : b.filterGroups;
  if (!Array.isArray(groups)) throw validationError('filterGroups must be an array');
  if (groups.length > SEARCH_LIMITS.filterGroups) {
    throw validationError(`Too many filter groups: ${groups.length}; the maximum is ${SEARCH_LIMITS.filterGroups}`);
  }
  const filterGroups = groups.map((g) => {
    const filters = (g as { filters?: unknown } | null)?.filters ?? [];
    if (!Array.isArray(filters)) throw validationError('filters must be an array');
    if (filters.length > SEARCH_LIMITS.filtersPerGroup) {
      throw validationError(
        `Too many filters in a group: ${filters.length}; the maximum is ${SEARCH_LIMITS.filtersPerGroup}`,
      );
    }
    return filters.map((f) => parseFilter(f, defs));
  });
  const total = filterGroups.reduce((n, g) => n + g.length, 0);
  if (total > SEARCH_LIMITS.filtersTotal) {
    throw validationError(`Too many filters: ${total}; the maximum across all groups is ${SEARCH_LIMITS.filtersTotal}`);
  }
  const rawSorts = b.sorts === undefined ? [] : b.sorts;
  if (!Array.isArray(rawSorts)) throw validationError('sorts must be an array');
  if (rawSorts.length > SEARCH_LIMITS.sorts) throw validationError('Only one sort rule can be applied to a search');
  const limitRaw = b.limit === undefined ? 10 : Number(b.limit);
  if (!Number.isInteger(limitRaw) || limitRaw < 0 || limitRaw > SEARCH_LIMITS.pageSize) {
    throw validationError(`limit must be between 0 and ${SEARCH_LIMITS.pageSize}`);
  }
  const offset = b.after === undefined || b.after === null || b.after === '' ? 0 : Number(b.after);
  if (!Number.isInteger(offset) || offset < 0) throw validationError(`Invalid after token ${String(b.after)}`);
  if (offset + limitRaw > SEARCH_LIMITS.totalResults) {
    throw validationError(`Paging past ${SEARCH_LIMITS.totalResults} results is not supported by search`);
  }
  const properties = Array.isArray(b.properties) ? b.properties.map(String) : undefined;
  const query = typeof b.query === 'string' && b.query.trim() !== '' ? b.query.trim() : null;
  return { filterGroups, sorts: rawSorts.map(parseSort), query, properties, limit: limitRaw, offset };
}

const isPhone = (def: PropertyDefinition | undefined) => def?.fieldType === 'phonenumber';
const isNumeric = (def: PropertyDefinition | undefined) =>
  def !== undefined && (def.type === 'number' || def.type === 'datetime' || def.type === 'date');

function equals(def: PropertyDefinition | undefined, stored: string, wanted: string): boolean {
  if (isPhone(def)) {
    const digits = nationalDigits(wanted);
    return digits !== '' && nationalDigits(stored) === digits;
  }
  if (isNumeric(def)) return comparableNumber(def, stored) === comparableNumber(def, wanted);
  return stored.toLowerCase() === wanted.toLowerCase();
}

function compare(def: PropertyDefinition | undefined, stored: string, wanted: string): number {
  if (isNumeric(def) || (!Number.isNaN(Number(stored)) && !Number.isNaN(Number(wanted)))) {
    return comparableNumber(def, stored) - comparableNumber(def, wanted);
  }
  return stored.toLowerCase().localeCompare(wanted.toLowerCase());
}

/** Whole-word match, with `*` as a wildcard ("*@example.com" matches an email's domain). */
function containsToken(stored: string, wanted: string): boolean {
  const pattern = new RegExp(
    `^${wanted
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  const value = stored.toLowerCase();
  return pattern.test(value) || value.split(/[\s,;]+/).some((token) => pattern.test(token));
}

export function matchesFilter(
  properties: Record<string, string>,
  filter: Filter,
  def: PropertyDefinition | undefined,
): boolean {
  const stored = properties[filter.propertyName] ?? '';
  const has = stored !== '';
  const v = filter.value ?? '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && equals(def, stored, v);
    case 'NEQ':
      return !has || !equals(def, stored, v);
    case 'IN':
      return has && (filter.values ?? []).some((x) => equals(def, stored, x));
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((x) => equals(def, stored, x));
    case 'LT':
      return has && compare(def, stored, v) < 0;
    case 'LTE':
      return has && compare(def, stored, v) <= 0;
    case 'GT':
      return has && compare(def, stored, v) > 0;
    case 'GTE':
      return has && compare(def, stored, v) >= 0;
    case 'BETWEEN':
      return has && compare(def, stored, v) >= 0 && compare(def, stored, filter.highValue ?? '') <= 0;
    case 'CONTAINS_TOKEN':
      return has && containsToken(stored, v);
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(stored, v);
  }
}

export function matchesQuery(
  properties: Record<string, string>,
  query: string,
  searchable: readonly string[],
  defs: Map<string, PropertyDefinition>,
): boolean {
  const terms = query.toLowerCase().split(/\s+/);
  return terms.every((term) =>
    searchable.some((name) => {
      const stored = properties[name];
      if (!stored) return false;
      if (isPhone(defs.get(name)) && /\d/.test(term)) return nationalDigits(stored).includes(nationalDigits(term));
      return stored.toLowerCase().includes(term);
    }),
  );
}

/** Sort comparator; records without a value go last, ties keep HubSpot's default (oldest id first). */
export function sortComparator(sort: Sort | undefined, defs: Map<string, PropertyDefinition>) {
  return (
    a: { id: string; properties: Record<string, string> },
    b: { id: string; properties: Record<string, string> },
  ) => {
    if (sort) {
      const av = a.properties[sort.propertyName] ?? '';
      const bv = b.properties[sort.propertyName] ?? '';
      if (av !== bv) {
        if (av === '') return 1;
        if (bv === '') return -1;
        const c = compare(defs.get(sort.propertyName), av, bv);
        if (c !== 0) return sort.direction === 'ASCENDING' ? c : -c;
      }
    }
    return Number(a.id) - Number(b.id);
  };
}
