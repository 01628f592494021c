/**
 * Runs a parsed SOQL query against an org: filter, order (case-insensitive, nulls first unless told
 * otherwise), offset/limit, then shape each row the way the REST API does, with an `attributes`
 * member per record and nested objects for relationship fields.
 */
import { ApiError } from '../errors.ts';
import type { ObjectDef, RecordFields } from '../schema/types.ts';
import type { Org, StoredRecord } from '../store/org.ts';
import type { FieldPath, OrderItem, SoqlQuery } from './ast.ts';
import { categoryOf, compareScalars, compileCondition, storedComparable } from './filter.ts';
import { malformed } from './lexer.ts';
import { parseSoql } from './parser.ts';
import type { ResolvedPath } from './resolve.ts';
import { readPath, resolvePath } from './resolve.ts';

export interface QueryRun {
  /** Matching rows after LIMIT/OFFSET, shaped for the response. Empty for COUNT(). */
  records: RecordFields[];
  totalSize: number;
}

export interface RunOptions {
  scanAll: boolean;
  now: number;
  /** `/services/data/vXX.X`, used in each record's attributes.url. */
  versionBase: string;
}

export function recordUrl(versionBase: string, type: string, id: string): string {
  return `${versionBase}/sobjects/${type}/${id}`;
}

export function orderRecords(
  org: Org,
  records: StoredRecord[],
  order: { path: ResolvedPath; item: OrderItem }[],
): StoredRecord[] {
  if (order.length === 0) return records;
  const keyed = records.map((r) => ({
    r,
    keys: order.map((o) => storedComparable(categoryOf(o.path.leaf), readPath(org, r, o.path))),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const { item } = order[i] as { item: OrderItem };
      const x = a.keys[i] ?? null;
      const y = b.keys[i] ?? null;
      if (x === null && y === null) continue;
      if (x === null || y === null) return (x === null) === item.nullsLast ? 1 : -1;
      const c = compareScalars(x, y);
      if (c !== 0) return item.descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.r);
}

export function shapeRecord(org: Org, rec: StoredRecord, paths: ResolvedPath[], versionBase: string): RecordFields {
  const out: RecordFields = { attributes: { type: rec.type, url: recordUrl(versionBase, rec.type, rec.id) } };
  for (const path of paths) {
    let container = out;
    let current: StoredRecord | null = rec;
    for (let i = 0; i < path.lookups.length && current; i++) {
      const key = path.relationships[i] as string;
      const id: unknown = current.fields[(path.lookups[i] as { name: string }).name];
      const target: StoredRecord | null = typeof id === 'string' ? (org.find(id) ?? null) : null;
      if (!target) {
        if (!(key in container)) container[key] = null;
        current = null;
        break;
      }
      const existing = container[key];
      const nested: RecordFields =
        existing && typeof existing === 'object'
          ? (existing as RecordFields)
          : { attributes: { type: target.type, url: recordUrl(versionBase, target.type, target.id) } };
      container[key] = nested;
      container = nested;
      current = target;
    }
    if (!current) continue;
    const leafDef = org.objectDef(current.type)?.fields.get(path.leaf.name);
    container[path.leaf.name] = leafDef ? (current.fields[path.leaf.name] ?? null) : null;
  }
  return out;
}

function resolveSelect(org: Org, def: ObjectDef, fields: FieldPath[], source: string): ResolvedPath[] {
  const seen = new Set<string>();
  const paths: ResolvedPath[] = [];
  for (const f of fields) {
    const path = resolvePath(org, def, f, source);
    const key = path.display.toLowerCase();
    if (seen.has(key))
      throw malformed(source, f.column, `duplicate field selected: ${path.display}`, 'DUPLICATE_FIELD');
    seen.add(key);
    paths.push(path);
  }
  return paths;
}

export function objectForQuery(org: Org, query: { source: string; from: { name: string; column: number } }): ObjectDef {
  const def = org.objectDef(query.from.name);
  if (!def) {
    throw malformed(
      query.source,
      query.from.column,
      `sObject type '${query.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      'INVALID_TYPE',
    );
  }
  return def;
}

export function runParsed(org: Org, query: SoqlQuery, opts: RunOptions): QueryRun {
  const def = objectForQuery(org, query);
  const select = query.select.kind === 'fields' ? resolveSelect(org, def, query.select.fields, query.source) : [];
  const predicate = query.where ? compileCondition(org, def, query.where, query.source, opts.now) : () => true;
  const order = query.orderBy.map((item) => ({ item, path: resolvePath(org, def, item.field, query.source) }));
  if ((query.offset ?? 0) > 2000) {
    throw ApiError.of(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is 2000`);
  }
  let rows = orderRecords(org, org.all(def.name, { includeDeleted: opts.scanAll }).filter(predicate), order);
  rows = rows.slice(query.offset ?? 0, query.limit !== undefined ? (query.offset ?? 0) + query.limit : undefined);
  if (query.select.kind === 'count') return { records: [], totalSize: rows.length };
  return { records: rows.map((r) => shapeRecord(org, r, select, opts.versionBase)), totalSize: rows.length };
}

export function runSoql(org: Org, soql: string, opts: RunOptions): QueryRun {
  return runParsed(org, parseSoql(soql), opts);
}
