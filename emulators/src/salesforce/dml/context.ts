/**
 * What a save needs besides the record: the org, who is saving, the time, and the org's configured
 * duplicate and validation rules.
 */
import type { RecordFields } from '../schema/types.ts';
import type { Org } from '../store/org.ts';

export interface DuplicateRule {
  sobject: string;
  /** A record is a duplicate when every one of these fields equals another live record's (case-insensitive). */
  fields: string[];
  name: string;
  orgId?: string;
}

export interface ValidationRule {
  sobject: string;
  /**
   * Salesforce's error-condition formula: return true when the record is INVALID and must be
   * rejected. `record` is the record as it would be saved; `previous` is the stored version on update.
   */
  predicate: (record: Readonly<RecordFields>, previous: Readonly<RecordFields> | null) => boolean;
  message: string;
  /** The field the message is shown on, or none for a top-of-page error. */
  field?: string;
  orgId?: string;
}

export interface RuleSource {
  duplicateRules(orgId: string, sobject: string): DuplicateRule[];
  validationRules(orgId: string, sobject: string): ValidationRule[];
}

export interface DmlContext {
  org: Org;
  userId: string;
  now: number;
  rules: RuleSource;
  /**
   * Seeding (tests, sandbox data) may set read-only fields such as CreatedDate or IsConverted and is
   * not subject to validation or duplicate rules; everything else is checked as for the API.
   */
  seed?: boolean;
}
