/**
 * Account and location configuration as the domain sees it: business hours, the recovery policy and
 * the location itself. Durations are milliseconds here; the config module parses the `5m` strings.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** One half-open open interval `[open, close)` in minutes after local midnight; close may be 1440. */
export interface OpenInterval {
  openMinute: number;
  closeMinute: number;
}

/**
 * Opening hours in the location's zone. `null` means always open (no `businessHours` configured);
 * a weekday missing from `days` is closed. Holidays are local dates (`YYYY-MM-DD`), closed all day.
 */
export interface BusinessHours {
  days: Partial<Record<Weekday, OpenInterval[]>>;
  holidays: string[];
}

export interface SlaPolicy {
  highUrgencyMs: number;
  newLeadMs: number;
  existingCustomerMs: number;
  /** After hours: due at the next opening strictly after the call, plus this offset. */
  afterHoursOffsetMs: number;
}

export interface RecoveryPolicy {
  sla: SlaPolicy;
  attributionWindow: { bookingMs: number; revenueMs: number };
  contactMinTalkSeconds: number;
  repeatDialWindowMs: number;
  /** Abandoned rings shorter than this many seconds are noise (spam). */
  noiseMaxSeconds: number;
  /** No contact by `missedAt + lostAfterMs` → listed as lost. */
  lostAfterMs: number;
  /**
   * Escalation: a case with no callback attempt by `slaDueAt` goes to the location manager (tier 2);
   * still none `corporateAfterMs` after `slaDueAt`, to the account's corporate owner (tier 3).
   */
  escalation: { corporateAfterMs: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The defaults of contract §2, used for any key neither the account nor the location sets. */
export const DEFAULT_POLICY: RecoveryPolicy = {
  sla: {
    highUrgencyMs: 5 * MINUTE,
    newLeadMs: 30 * MINUTE,
    existingCustomerMs: 4 * HOUR,
    afterHoursOffsetMs: 15 * MINUTE,
  },
  attributionWindow: { bookingMs: 7 * DAY, revenueMs: 30 * DAY },
  contactMinTalkSeconds: 30,
  repeatDialWindowMs: 30 * MINUTE,
  noiseMaxSeconds: 5,
  lostAfterMs: 7 * DAY,
  escalation: { corporateAfterMs: 4 * HOUR },
};

export type Vertical = string;

export interface LocationInfo {
  /** The configured location id (e.g. `phoenix`); null stands for "unassigned". */
  id: string;
  name: string;
  timezone: string;
  vertical: Vertical | null;
  trackingNumbers: string[];
  /** null = always open. */
  businessHours: BusinessHours | null;
  owners: string[];
}
