/** What the naive baseline writers are handed for one missed call (they parse no webhook). */
export interface NaiveCall {
  /** Put at the end of the follow-up task's subject as `[bench <key>]`, to time it. */
  key: string;
  callerE164: string;
  callerName: string;
  /** The location's next owner in turn (the baseline rotates them itself, without API calls). */
  ownerId: string;
  missedAt: Date;
  dueAt: Date;
}
