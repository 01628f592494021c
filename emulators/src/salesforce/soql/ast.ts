/** The parsed form of the SOQL subset the emulator understands. */

export interface FieldPath {
  /** `['Owner', 'Name']` for `Owner.Name`; a single element for a plain field. */
  parts: string[];
  column: number;
}

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; ms: number }
  /** TODAY, LAST_N_DAYS:7…: a range of whole days resolved when the query runs. */
  | { kind: 'dateLiteral'; name: string; n?: number };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: FieldPath; op: ComparisonOp; value: Literal; column: number }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[]; column: number }
  | { kind: 'like'; field: FieldPath; pattern: string; column: number };

export interface OrderItem {
  field: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  source: string;
  select: { kind: 'count' } | { kind: 'fields'; fields: FieldPath[] };
  from: { name: string; column: number };
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
