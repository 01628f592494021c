/**
 * SOQL tokenizer. Keywords are not distinguished here (SOQL keywords are case-insensitive words, and
 * several are also valid field names), the parser decides. String literals decode SOQL's escapes;
 * `\%` and `\_` stay escaped because only LIKE gives them meaning.
 */
import { ApiError } from '../errors.ts';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Decoded value for strings; the literal text otherwise. */
  value: string;
  /** 1-based column of the first character, for Salesforce-style error messages. */
  column: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/** The malformed-query error in Salesforce's shape: the query, a caret, the position and the reason. */
export function malformed(source: string, column: number, reason: string, errorCode = 'MALFORMED_QUERY'): ApiError {
  const caret = ' '.repeat(Math.max(0, column - 1)) + '^';
  return ApiError.of(400, errorCode, `\n${source}\n${caret}\nERROR at Row:1:Column:${column}\n${reason}`);
}

function readString(source: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === "'") return { value, end: i + 1 };
    if (ch === '\\') {
      const next = source.charAt(i + 1);
      if (next === '%' || next === '_') value += `\\${next}`;
      else if (next in ESCAPES) value += ESCAPES[next];
      else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
        i += 4;
      } else
        throw malformed(
          source,
          i + 1,
          `Invalid string literal '${source.slice(start, i + 2)}'. Illegal character sequence '\\${next}' in string literal.`,
        );
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  throw malformed(source, start + 1, `line 1:${start} mismatched character '<EOF>' expecting '''`);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const rest = source.slice(i);
    const column = i + 1;
    if (ch === "'") {
      const { value, end } = readString(source, i);
      tokens.push({ kind: 'string', text: source.slice(i, end), value, column });
      i = end;
      continue;
    }
    const dt = DATETIME.exec(rest) ?? null;
    const d = dt ? null : DATE.exec(rest);
    const n = dt || d ? null : NUMBER.exec(rest);
    const literal = dt ?? d ?? n;
    if (literal && (/\d/.test(ch) || (ch === '-' && n))) {
      const kind: TokenKind = dt ? 'datetime' : d ? 'date' : 'number';
      tokens.push({ kind, text: literal[0], value: literal[0], column });
      i += literal[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], value: ident[0], column });
      i += ident[0].length;
      continue;
    }
    const two = rest.slice(0, 2);
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two, value: two === '<>' ? '!=' : two, column });
      i += 2;
      continue;
    }
    if (ch === '=' || ch === '<' || ch === '>') {
      tokens.push({ kind: 'op', text: ch, value: ch, column });
      i += 1;
      continue;
    }
    if ('(),.:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, value: ch, column });
      i += 1;
      continue;
    }
    throw malformed(source, column, `line 1:${i} no viable alternative at character '${ch}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', column: source.length + 1 });
  return tokens;
}
