/**
 * Runs a SOSL search. Matching uses the search index, which lags behind writes by `lagMs`: a record
 * is matched against the newest version the index had seen `lagMs` ago (a record created more
 * recently is not found at all), while the returned field values and the WHERE clause read the
 * current record, as Salesforce does (SOQL is immediate, search is not).
 */
import type { FieldDef, ObjectDef, RecordFields } from '../schema/types.ts';
import { objectForQuery, orderRecords, shapeRecord } from '../soql/execute.ts';
import { compileCondition } from '../soql/filter.ts';
import { resolvePath } from '../soql/resolve.ts';
import type { Org, StoredRecord } from '../store/org.ts';
import type { ReturningSpec, SearchGroup, SoslQuery } from './parser.ts';
import { phoneMatches } from './phone-match.ts';

export interface SearchOptions {
  now: number;
  lagMs: number;
  versionBase: string;
}

function groupFields(def: ObjectDef, group: SearchGroup): FieldDef[] {
  const fields = [...def.fields.values()];
  switch (group) {
    case 'PHONE':
      return fields.filter((f) => f.type === 'phone');
    case 'EMAIL':
      return fields.filter((f) => f.type === 'email');
    case 'NAME':
      return fields.filter(
        (f) => f.nameField || f.name === 'FirstName' || f.name === 'LastName' || f.name === 'Company',
      );
    default:
      return fields.filter((f) => ['string', 'textarea', 'phone', 'email', 'picklist'].includes(f.type));
  }
}

/** Text search: every word of the term must start a word in one of the fields (`*` is a wildcard). */
function textMatches(term: string, values: string[]): boolean {
  const words = values.flatMap((v) => v.toLowerCase().split(/[^\p{L}\p{N}@.]+/u)).filter((w) => w !== '');
  const wanted = term
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '' && w !== 'and' && w !== 'or');
  return wanted.every((w) => {
    const re = new RegExp(
      `^${w
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}${w.endsWith('*') ? '' : '$'}`,
    );
    return words.some((word) => re.test(word));
  });
}

function indexedVersion(rec: StoredRecord, horizon: number): Readonly<RecordFields> | null {
  let seen: Readonly<RecordFields> | null = null;
  for (const entry of rec.indexed) if (entry.at <= horizon) seen = entry.fields;
  return seen;
}

function matches(query: SoslQuery, fields: FieldDef[], indexed: Readonly<RecordFields>): boolean {
  const values = fields.map((f) => indexed[f.name]).filter((v): v is string => typeof v === 'string' && v !== '');
  if (query.group === 'PHONE') return values.some((v) => phoneMatches(query.term, v));
  return textMatches(query.term, values);
}

function searchableObjects(org: Org): ObjectDef[] {
  return org.objectDefs().filter((d) => d.name !== 'User');
}

export function runSosl(org: Org, query: SoslQuery, opts: SearchOptions): { searchRecords: RecordFields[] } {
  const horizon = opts.now - opts.lagMs;
  const specs: ReturningSpec[] =
    query.returning.length > 0
      ? query.returning
      : searchableObjects(org).map((d) => ({ object: d.name, column: 1, fields: [], orderBy: [] }));
  const out: RecordFields[] = [];
  for (const spec of specs) {
    const def = objectForQuery(org, { source: query.source, from: { name: spec.object, column: spec.column } });
    const fields = groupFields(def, query.group);
    const selected = (spec.fields.length > 0 ? spec.fields : [{ parts: ['Id'], column: spec.column }]).map((f) =>
      resolvePath(org, def, f, query.source),
    );
    const where = spec.where ? compileCondition(org, def, spec.where, query.source, opts.now) : () => true;
    const order = spec.orderBy.map((item) => ({ item, path: resolvePath(org, def, item.field, query.source) }));
    let hits = org.all(def.name).filter((rec) => {
      const indexed = indexedVersion(rec, horizon);
      return indexed !== null && matches(query, fields, indexed) && where(rec);
    });
    hits = orderRecords(org, hits, order);
    if (spec.limit !== undefined) hits = hits.slice(0, spec.limit);
    out.push(...hits.map((rec) => shapeRecord(org, rec, selected, opts.versionBase)));
  }
  return { searchRecords: out.slice(0, query.limit ?? 2000) };
}
