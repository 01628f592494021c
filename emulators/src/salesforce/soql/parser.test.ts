import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { parseSoql } from './parser.ts';
import { dateLiteralRange } from './date-literals.ts';

function malformed(soql: string): ApiError {
  try {
    parseSoql(soql);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`parsed: ${soql}`);
}

describe('SOQL parser', () => {
  it('parses select lists with relationship paths, and COUNT()', () => {
    const q = parseSoql('select Id, Owner.Name from Contact');
    expect(q.select).toEqual({
      kind: 'fields',
      fields: [
        { parts: ['Id'], column: 8 },
        { parts: ['Owner', 'Name'], column: 12 },
      ],
    });
    expect(q.from.name).toBe('Contact');
    expect(parseSoql('SELECT COUNT() FROM Lead').select).toEqual({ kind: 'count' });
  });

  it('builds AND/OR/NOT trees and keeps NOT IN apart from NOT', () => {
    const q = parseSoql("SELECT Id FROM Lead WHERE (A = 1 OR B = 2) AND NOT C = 'x' AND D NOT IN (1, 2)");
    expect(q.where?.kind).toBe('and');
    const items = q.where?.kind === 'and' ? q.where.items : [];
    expect(items.map((i) => i.kind)).toEqual(['or', 'not', 'in']);
    expect(items[2]).toMatchObject({
      kind: 'in',
      negated: true,
      values: [
        { kind: 'number', value: 1 },
        { kind: 'number', value: 2 },
      ],
    });
  });

  it('decodes string escapes but keeps LIKE escapes for \\% and \\_', () => {
    const q = parseSoql("SELECT Id FROM Lead WHERE Name = 'O\\'Brien\\\\' AND Company LIKE '50\\%\\_%'");
    const items = q.where?.kind === 'and' ? q.where.items : [];
    expect(items[0]).toMatchObject({ value: { kind: 'string', value: "O'Brien\\" } });
    expect(items[1]).toMatchObject({ kind: 'like', pattern: '50\\%\\_%' });
  });

  it('reads date, dateTime and relative date literals', () => {
    const q = parseSoql(
      'SELECT Id FROM Task WHERE ActivityDate = 2026-11-22 AND CreatedDate > 2026-11-22T10:00:00+05:30 AND CreatedDate < LAST_N_DAYS:7 AND LastModifiedDate = TODAY',
    );
    const items = q.where?.kind === 'and' ? q.where.items : [];
    expect(items.map((i) => (i.kind === 'compare' ? i.value : null))).toEqual([
      { kind: 'date', value: '2026-11-22' },
      { kind: 'datetime', ms: Date.UTC(2026, 10, 22, 4, 30) },
      { kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 7 },
      { kind: 'dateLiteral', name: 'TODAY' },
    ]);
  });

  it('parses ORDER BY with directions and null placement, LIMIT and OFFSET', () => {
    const q = parseSoql('SELECT Id FROM Lead ORDER BY LastModifiedDate DESC NULLS LAST, Name LIMIT 10 OFFSET 5');
    expect(q.orderBy.map((o) => [o.field.parts.join('.'), o.descending, o.nullsLast])).toEqual([
      ['LastModifiedDate', true, true],
      ['Name', false, false],
    ]);
    expect([q.limit, q.offset]).toEqual([10, 5]);
  });

  it('reports syntax errors as MALFORMED_QUERY with the position', () => {
    const mixed = malformed('SELECT Id FROM Lead WHERE A = 1 AND B = 2 OR C = 3');
    expect(mixed.code).toBe('MALFORMED_QUERY');
    expect(mixed.message).toContain('ERROR at Row:1:Column:43');
    expect(malformed("SELECT Id FROM Lead WHERE Name = 'open").code).toBe('MALFORMED_QUERY');
    expect(malformed("SELECT Id FROM Lead WHERE Name = 'a\\qb'").code).toBe('MALFORMED_QUERY');
    expect(malformed('SELECT Id Lead').code).toBe('MALFORMED_QUERY');
    expect(malformed('SELECT Id FROM Lead LIMIT -1').code).toBe('MALFORMED_QUERY');
    expect(malformed('SELECT Id FROM Lead WHERE CreatedDate > LAST_N_DAYS').code).toBe('MALFORMED_QUERY');
  });
});

describe('date literal ranges', () => {
  const now = Date.UTC(2026, 10, 25, 13, 0); // Wednesday
  const day = (d: number) => Date.UTC(2026, 10, d);

  it('covers whole UTC days, LAST_N_DAYS including today and NEXT_N_DAYS starting tomorrow', () => {
    expect(dateLiteralRange('TODAY', undefined, now)).toEqual({ start: day(25), end: day(26) });
    expect(dateLiteralRange('YESTERDAY', undefined, now)).toEqual({ start: day(24), end: day(25) });
    expect(dateLiteralRange('LAST_N_DAYS', 1, now)).toEqual({ start: day(24), end: day(26) });
    expect(dateLiteralRange('NEXT_N_DAYS', 2, now)).toEqual({ start: day(26), end: day(28) });
    expect(dateLiteralRange('THIS_WEEK', undefined, now)).toEqual({ start: day(22), end: day(29) });
    expect(dateLiteralRange('THIS_MONTH', undefined, now)).toEqual({ start: day(1), end: Date.UTC(2026, 11, 1) });
  });
});
