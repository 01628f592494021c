/** Literals for SOQL and SOSL text, escaped the way each language requires. */

/** A quoted SOQL string literal: backslash and single quote are escaped with a backslash. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A SOQL dateTime literal, second precision (the format the SOQL reference documents). */
export function soqlDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;

/** A SOSL search term: every reserved character escaped with a backslash. */
export function soslTerm(value: string): string {
  return value.replace(SOSL_RESERVED, (ch) => `\\${ch}`);
}

/** The SOQL keyset condition "after (stamp, id)" over `SystemModstamp, Id`. */
export function afterCursor(stamp: Date, id: string | null): string {
  const t = soqlDateTime(stamp);
  return id ? `(SystemModstamp > ${t} OR (SystemModstamp = ${t} AND Id > ${soqlString(id)}))` : `SystemModstamp > ${t}`;
}
