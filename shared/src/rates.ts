/** The funnel rates of contract §5. A rate whose denominator is 0 is null, never 0 or NaN. */

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Case counts of one group, including the intersections the conditional rates divide. */
export interface FunnelCounts {
  missed: number;
  attempted: number;
  attemptedWithinSla: number;
  /** Cases both attempted and contacted. */
  attemptedAndContacted: number;
  contacted: number;
  /** Cases both contacted and booked. */
  contactedAndBooked: number;
  booked: number;
  /** Cases both booked and won. */
  bookedAndWon: number;
}

export interface FunnelRates {
  attemptRate: number | null;
  slaMetRate: number | null;
  contactRate: number | null;
  bookingRate: number | null;
  revenueRate: number | null;
  recoveryRate: number | null;
}

export function funnelRates(c: FunnelCounts): FunnelRates {
  return {
    attemptRate: ratio(c.attempted, c.missed),
    slaMetRate: ratio(c.attemptedWithinSla, c.missed),
    contactRate: ratio(c.attemptedAndContacted, c.attempted),
    bookingRate: ratio(c.contactedAndBooked, c.contacted),
    revenueRate: ratio(c.bookedAndWon, c.booked),
    recoveryRate: ratio(c.contacted, c.missed),
  };
}
