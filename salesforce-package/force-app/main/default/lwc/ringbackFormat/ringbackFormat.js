/**
 * Formatting and small derivations shared by the Ringback components, kept out of the components so
 * each stays a view and these rules are tested once.
 */

const DASH = '—';

/** Human-readable messages from wire, Apex and JavaScript errors (one or many). */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => !!error)
        .map((error) => {
            if (Array.isArray(error.body)) return error.body.map((e) => e.message).join(', ');
            if (error.body && typeof error.body.message === 'string') return error.body.message;
            if (typeof error.message === 'string') return error.message;
            if (typeof error.statusText === 'string') return error.statusText;
            return 'Unknown error';
        })
        .filter((message) => !!message);
}

/** A 0..1 rate as a whole percentage; a dash when there was nothing to divide (null). */
export function formatRate(rate) {
    if (rate === null || rate === undefined || Number.isNaN(Number(rate))) return DASH;
    return `${Math.round(Number(rate) * 100)}%`;
}

/** A percentile rank 0..100 as an ordinal-free label ("P62"). */
export function formatRank(rank) {
    if (rank === null || rank === undefined) return DASH;
    return `P${Math.round(Number(rank))}`;
}

/** Seconds as the largest two units ("45s", "4m", "1h 5m", "2d 3h"). */
export function formatSeconds(seconds) {
    if (seconds === null || seconds === undefined) return DASH;
    const s = Math.max(0, Math.round(Number(seconds)));
    if (s < 60) return `${s}s`;
    const minutes = Math.floor(s / 60);
    if (minutes < 60) return `${minutes}m`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
    const days = Math.floor(hours / 24);
    return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** Money without cents; the currency code from the backend or the org. */
export function formatMoney(amount, currencyCode) {
    if (amount === null || amount === undefined) return DASH;
    try {
        return new Intl.NumberFormat(undefined, {
            style: 'currency',
            currency: currencyCode || 'USD',
            maximumFractionDigits: 0
        }).format(Number(amount));
    } catch (e) {
        return `${Math.round(Number(amount))} ${currencyCode || ''}`.trim();
    }
}

const CLOSED = new Set(['contacted', 'booked', 'won']);

/**
 * Where a case stands against its SLA at `now`: met (first attempt by the due time), late (attempted
 * after it), overdue (no attempt and past due), due (still time), or reached (contact came without an
 * attempt, e.g. the caller rang back and got through).
 */
export function slaStatus(c, now) {
    const due = c.slaDueAt ? Date.parse(c.slaDueAt) : NaN;
    if (c.firstAttemptAt) {
        const first = Date.parse(c.firstAttemptAt);
        return first <= due
            ? { key: 'met', label: 'SLA met', variant: 'success' }
            : { key: 'late', label: `Attempted ${formatSeconds((first - due) / 1000)} late`, variant: 'warning' };
    }
    if (CLOSED.has(c.status)) return { key: 'reached', label: 'Reached', variant: 'success' };
    if (Number.isNaN(due)) return { key: 'unknown', label: 'No SLA', variant: 'inverse' };
    const left = (due - now.getTime()) / 1000;
    return left < 0
        ? { key: 'overdue', label: `Overdue by ${formatSeconds(-left)}`, variant: 'error' }
        : { key: 'due', label: `Due in ${formatSeconds(left)}`, variant: 'warning' };
}

/** Sums snapshot records (API field names) into one period's decomposition with period rates. */
export function sumSnapshots(records) {
    const total = {
        missed: 0,
        attempted: 0,
        attemptedWithinSla: 0,
        contacted: 0,
        booked: 0,
        won: 0,
        revenue: 0,
        contactedAfterAttempt: 0,
        bookedAfterContact: 0,
        wonAfterBooking: 0
    };
    const fields = {
        missed: 'Missed__c',
        attempted: 'Attempted__c',
        attemptedWithinSla: 'Attempted_Within_SLA__c',
        contacted: 'Contacted__c',
        booked: 'Booked__c',
        won: 'Won__c',
        revenue: 'Revenue__c',
        contactedAfterAttempt: 'Contacted_After_Attempt__c',
        bookedAfterContact: 'Booked_After_Contact__c',
        wonAfterBooking: 'Won_After_Booking__c'
    };
    for (const record of records || []) {
        for (const [key, field] of Object.entries(fields)) total[key] += Number(record[field] || 0);
    }
    const ratio = (a, b) => (b === 0 ? null : a / b);
    return {
        ...total,
        attemptRate: ratio(total.attempted, total.missed),
        slaMetRate: ratio(total.attemptedWithinSla, total.missed),
        contactRate: ratio(total.contactedAfterAttempt, total.attempted),
        bookingRate: ratio(total.bookedAfterContact, total.contacted),
        revenueRate: ratio(total.wonAfterBooking, total.booked),
        recoveryRate: ratio(total.contacted, total.missed)
    };
}

export const RATE_LABELS = {
    attemptRate: 'Attempt rate',
    slaMetRate: 'SLA met',
    contactRate: 'Contact rate',
    bookingRate: 'Booking rate',
    revenueRate: 'Revenue rate',
    recoveryRate: 'Recovery rate'
};
