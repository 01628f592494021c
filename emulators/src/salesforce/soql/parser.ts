/**
 * Recursive-descent SOQL parser:
 *
 *   query      := SELECT selectList FROM ident [WHERE condition] [ORDER BY order (, order)*]
 *                 [LIMIT n] [OFFSET n]
 *   selectList := COUNT '(' ')' | field (, field)*
 *   condition  := unary (AND unary)* | unary (OR unary)*      -- mixing needs parentheses, as in SOQL
 *   unary      := NOT unary | '(' condition ')' | field op literal | field [NOT] IN '(' literals ')'
 *               | field LIKE string
 *
 * The clause parsers are public so the SOSL parser reuses them for RETURNING field lists.
 */
import { parseDateTime } from '../time-format.ts';
import type { ComparisonOp, Condition, FieldPath, Literal, OrderItem, SoqlQuery } from './ast.ts';
import { malformed, tokenize } from './lexer.ts';
import type { Token } from './lexer.ts';

const DATE_LITERALS = new Set([
  'TODAY',
  'YESTERDAY',
  'TOMORROW',
  'LAST_WEEK',
  'THIS_WEEK',
  'NEXT_WEEK',
  'LAST_MONTH',
  'THIS_MONTH',
  'NEXT_MONTH',
  'LAST_90_DAYS',
  'NEXT_90_DAYS',
  'THIS_YEAR',
  'LAST_YEAR',
  'NEXT_YEAR',
]);
const N_DATE_LITERALS = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO', 'LAST_N_WEEKS', 'NEXT_N_WEEKS']);

export class TokenStream {
  private pos = 0;
  constructor(
    readonly source: string,
    private readonly tokens: Token[],
  ) {}

  static of(source: string): TokenStream {
    return new TokenStream(source, tokenize(source));
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos += 1;
    return t;
  }

  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === p;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.next();
    return true;
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) throw this.unexpected(`expecting ${word}`);
    return this.next();
  }

  expectPunct(p: string): Token {
    if (!this.isPunct(p)) throw this.unexpected(`expecting '${p}'`);
    return this.next();
  }

  unexpected(hint?: string) {
    const t = this.peek();
    const reason = t.kind === 'eof' ? 'unexpected token: <EOF>' : `unexpected token: '${t.text}'`;
    return malformed(this.source, t.column, hint ? `${reason} (${hint})` : reason);
  }
}

export function parseFieldPath(ts: TokenStream): FieldPath {
  const first = ts.peek();
  if (first.kind !== 'ident') throw ts.unexpected('expecting a field name');
  const parts = [ts.next().text];
  while (ts.isPunct('.')) {
    ts.next();
    const t = ts.peek();
    if (t.kind !== 'ident') throw ts.unexpected('expecting a field name');
    parts.push(ts.next().text);
  }
  return { parts, column: first.column };
}

export function parseFieldList(ts: TokenStream): FieldPath[] {
  const fields = [parseFieldPath(ts)];
  while (ts.isPunct(',')) {
    ts.next();
    fields.push(parseFieldPath(ts));
  }
  return fields;
}

function parseLiteral(ts: TokenStream): Literal {
  const t = ts.peek();
  switch (t.kind) {
    case 'string':
      ts.next();
      return { kind: 'string', value: t.value };
    case 'number':
      ts.next();
      return { kind: 'number', value: Number(t.value) };
    case 'date':
      ts.next();
      return { kind: 'date', value: t.value };
    case 'datetime': {
      ts.next();
      const ms = parseDateTime(t.value);
      if (ms === null) throw malformed(ts.source, t.column, `invalid date time: ${t.text}`);
      return { kind: 'datetime', ms };
    }
    case 'ident': {
      const word = t.text.toUpperCase();
      if (word === 'NULL' || word === 'TRUE' || word === 'FALSE' || DATE_LITERALS.has(word)) {
        ts.next();
        if (word === 'NULL') return { kind: 'null' };
        if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
        return { kind: 'dateLiteral', name: word };
      }
      if (N_DATE_LITERALS.has(word)) {
        ts.next();
        ts.expectPunct(':');
        const n = ts.peek();
        if (n.kind !== 'number' || !/^\d+$/.test(n.text)) throw ts.unexpected('expecting a whole number');
        ts.next();
        return { kind: 'dateLiteral', name: word, n: Number(n.text) };
      }
      throw ts.unexpected();
    }
    default:
      throw ts.unexpected();
  }
}

function parseFieldExpression(ts: TokenStream): Condition {
  const field = parseFieldPath(ts);
  const t = ts.peek();
  if (t.kind === 'op') {
    ts.next();
    return { kind: 'compare', field, op: t.value as ComparisonOp, value: parseLiteral(ts), column: t.column };
  }
  const negated = ts.isWord('NOT') && ts.isWord('IN', 1);
  if (negated) ts.next();
  if (ts.acceptWord('IN')) {
    ts.expectPunct('(');
    const values = [parseLiteral(ts)];
    while (ts.isPunct(',')) {
      ts.next();
      values.push(parseLiteral(ts));
    }
    ts.expectPunct(')');
    return { kind: 'in', field, negated, values, column: t.column };
  }
  if (ts.acceptWord('LIKE')) {
    const p = ts.peek();
    if (p.kind !== 'string') throw ts.unexpected('LIKE needs a string');
    ts.next();
    return { kind: 'like', field, pattern: p.value, column: t.column };
  }
  throw ts.unexpected();
}

function parseUnary(ts: TokenStream): Condition {
  if (ts.acceptWord('NOT')) return { kind: 'not', item: parseUnary(ts) };
  if (ts.isPunct('(')) {
    ts.next();
    const inner = parseCondition(ts);
    ts.expectPunct(')');
    return inner;
  }
  return parseFieldExpression(ts);
}

export function parseCondition(ts: TokenStream): Condition {
  const first = parseUnary(ts);
  const joiner = ts.isWord('AND') ? 'AND' : ts.isWord('OR') ? 'OR' : null;
  if (!joiner) return first;
  const items = [first];
  while (ts.acceptWord(joiner)) items.push(parseUnary(ts));
  // SOQL has no precedence between AND and OR: mixing them without parentheses is a syntax error.
  if (ts.isWord(joiner === 'AND' ? 'OR' : 'AND')) throw ts.unexpected('use parentheses when mixing AND and OR');
  return { kind: joiner === 'AND' ? 'and' : 'or', items };
}

export function parseOrderBy(ts: TokenStream): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    if (items.length > 0) ts.next();
    const field = parseFieldPath(ts);
    const descending = ts.acceptWord('DESC');
    if (!descending) ts.acceptWord('ASC');
    let nullsLast = false;
    if (ts.acceptWord('NULLS')) {
      if (ts.acceptWord('LAST')) nullsLast = true;
      else ts.expectWord('FIRST');
    }
    items.push({ field, descending, nullsLast });
  } while (ts.isPunct(','));
  return items;
}

export function parseWholeNumber(ts: TokenStream): number {
  const t = ts.peek();
  if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw ts.unexpected('expecting a whole number');
  ts.next();
  return Number(t.text);
}

export function parseSoql(source: string): SoqlQuery {
  const ts = TokenStream.of(source.trim());
  ts.expectWord('SELECT');
  let select: SoqlQuery['select'];
  if (ts.isWord('COUNT') && ts.peek(1).text === '(') {
    ts.next();
    ts.expectPunct('(');
    ts.expectPunct(')');
    select = { kind: 'count' };
  } else {
    select = { kind: 'fields', fields: parseFieldList(ts) };
  }
  ts.expectWord('FROM');
  const from = ts.peek();
  if (from.kind !== 'ident') throw ts.unexpected('expecting an object name');
  ts.next();
  const query: SoqlQuery = { source: ts.source, select, from: { name: from.text, column: from.column }, orderBy: [] };
  if (ts.acceptWord('WHERE')) query.where = parseCondition(ts);
  if (ts.acceptWord('ORDER')) {
    ts.expectWord('BY');
    query.orderBy = parseOrderBy(ts);
  }
  if (ts.acceptWord('LIMIT')) query.limit = parseWholeNumber(ts);
  if (ts.acceptWord('OFFSET')) query.offset = parseWholeNumber(ts);
  if (ts.peek().kind !== 'eof') throw ts.unexpected();
  return query;
}
