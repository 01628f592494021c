/**
 * Compiles a WHERE condition into a record predicate. Compilation type-checks each literal against its
 * field the way Salesforce does (quoted strings only for text and ids, bare dates only for date
 * fields, bare dateTimes only for dateTime fields), so a query Salesforce rejects is rejected here.
 */
import { ApiError } from '../errors.ts';
import { toId18 } from '../ids.ts';
import type { FieldDef, ObjectDef } from '../schema/types.ts';
import type { Org, StoredRecord } from '../store/org.ts';
import { parseDate, parseDateTime } from '../time-format.ts';
import type { Condition, Literal } from './ast.ts';
import type { DayRange } from './date-literals.ts';
import { dateLiteralRange } from './date-literals.ts';
import { malformed } from './lexer.ts';
import { readPath, resolvePath } from './resolve.ts';

export type Predicate = (record: StoredRecord) => boolean;
type Category = 'text' | 'id' | 'boolean' | 'number' | 'date' | 'datetime';

export function categoryOf(field: FieldDef): Category {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      return 'text';
  }
}

/** A literal made comparable: a scalar, a day range, or null. */
type Operand =
  { kind: 'scalar'; value: string | number | boolean } | { kind: 'range'; range: DayRange } | { kind: 'null' };

function literalOperand(source: string, column: number, field: FieldDef, lit: Literal, now: number): Operand {
  const cat = categoryOf(field);
  const reject = (expected: string, quoted: boolean) =>
    malformed(
      source,
      column,
      `value of filter criterion for field '${field.name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
      'INVALID_FIELD',
    );
  if (lit.kind === 'null') return { kind: 'null' };
  switch (cat) {
    case 'text':
      if (lit.kind !== 'string') throw reject('string', true);
      return { kind: 'scalar', value: lit.value.replace(/\\([%_])/g, '$1').toLowerCase() };
    case 'id': {
      if (lit.kind !== 'string') throw reject('id', true);
      const id = toId18(lit.value);
      if (!id) throw ApiError.of(400, 'INVALID_QUERY_FILTER_OPERATOR', `\n${source}\ninvalid ID field: ${lit.value}`);
      return { kind: 'scalar', value: id };
    }
    case 'boolean':
      if (lit.kind !== 'boolean') throw reject('boolean', false);
      return { kind: 'scalar', value: lit.value };
    case 'number':
      if (lit.kind !== 'number') throw reject('double', false);
      return { kind: 'scalar', value: lit.value };
    case 'date':
    case 'datetime':
      if (lit.kind === 'dateLiteral') return { kind: 'range', range: dateLiteralRange(lit.name, lit.n, now) };
      if (cat === 'date' && lit.kind === 'date') return { kind: 'scalar', value: parseDate(lit.value) ?? NaN };
      if (cat === 'datetime' && lit.kind === 'datetime') return { kind: 'scalar', value: lit.ms };
      throw reject(cat === 'date' ? 'date' : 'dateTime', false);
  }
}

/** The stored value in the same comparable form as operands. */
export function storedComparable(cat: Category, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (cat) {
    case 'text':
      return String(value).toLowerCase();
    case 'date':
      return parseDate(String(value));
    case 'datetime':
      return parseDateTime(String(value));
    default:
      return value as string | number | boolean;
  }
}

export function compareScalars(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return Number(a) - Number(b);
}

function testOperand(op: string, stored: string | number | boolean | null, operand: Operand): boolean {
  if (operand.kind === 'null') return op === '=' ? stored === null : op === '!=' ? stored !== null : false;
  if (stored === null) return op === '!=';
  if (operand.kind === 'range') {
    const v = Number(stored);
    const { start, end } = operand.range;
    switch (op) {
      case '=':
        return v >= start && v < end;
      case '!=':
        return v < start || v >= end;
      case '<':
        return v < start;
      case '<=':
        return v < end;
      case '>':
        return v >= end;
      default:
        return v >= start;
    }
  }
  const c = compareScalars(stored, operand.value);
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
      re += `\\${pattern.charAt(i + 1)}`;
      i += 1;
    } else if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

export function compileCondition(org: Org, root: ObjectDef, cond: Condition, source: string, now: number): Predicate {
  switch (cond.kind) {
    case 'and': {
      const parts = cond.items.map((c) => compileCondition(org, root, c, source, now));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = cond.items.map((c) => compileCondition(org, root, c, source, now));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileCondition(org, root, cond.item, source, now);
      return (r) => !inner(r);
    }
    case 'compare': {
      const path = resolvePath(org, root, cond.field, source);
      const cat = categoryOf(path.leaf);
      const operand = literalOperand(source, cond.column, path.leaf, cond.value, now);
      return (r) => testOperand(cond.op, storedComparable(cat, readPath(org, r, path)), operand);
    }
    case 'in': {
      const path = resolvePath(org, root, cond.field, source);
      const cat = categoryOf(path.leaf);
      const operands = cond.values.map((v) => literalOperand(source, cond.column, path.leaf, v, now));
      return (r) => {
        const stored = storedComparable(cat, readPath(org, r, path));
        const hit = operands.some((o) => testOperand('=', stored, o));
        return cond.negated ? !hit : hit;
      };
    }
    case 'like': {
      const path = resolvePath(org, root, cond.field, source);
      if (categoryOf(path.leaf) !== 'text' && categoryOf(path.leaf) !== 'id') {
        throw malformed(source, cond.column, `invalid operator on field '${path.leaf.name}'`, 'INVALID_FIELD');
      }
      const re = likeRegex(cond.pattern);
      return (r) => {
        const v = readPath(org, r, path);
        return v !== null && v !== undefined && re.test(String(v));
      };
    }
  }
}
