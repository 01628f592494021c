import {
    formatMoney,
    formatRank,
    formatRate,
    formatSeconds,
    reduceErrors,
    slaStatus,
    sumSnapshots
} from 'c/ringbackFormat';

describe('c/ringbackFormat', () => {
    it('reduces Apex, wire, JavaScript and page errors to messages', () => {
        expect(reduceErrors({ body: { message: 'Ringback refused the account token' } })).toEqual([
            'Ringback refused the account token'
        ]);
        expect(reduceErrors([{ body: [{ message: 'a' }, { message: 'b' }] }, new Error('c'), null])).toEqual([
            'a, b',
            'c'
        ]);
        expect(reduceErrors({ statusText: 'Bad Request' })).toEqual(['Bad Request']);
    });

    it('formats rates, ranks and durations, with a dash for nothing to divide', () => {
        expect(formatRate(0.756)).toBe('76%');
        expect(formatRate(null)).toBe('—');
        expect(formatRank(62.5)).toBe('P63');
        expect(formatRank(undefined)).toBe('—');
        expect(formatSeconds(45)).toBe('45s');
        expect(formatSeconds(240)).toBe('4m');
        expect(formatSeconds(3900)).toBe('1h 5m');
        expect(formatSeconds(2 * 86400 + 3 * 3600)).toBe('2d 3h');
        expect(formatSeconds(null)).toBe('—');
        expect(formatMoney(null)).toBe('—');
        expect(formatMoney(1200, 'USD')).toMatch(/1,200/);
    });

    it('places a case against its SLA', () => {
        const now = new Date('2026-11-01T15:10:00Z');
        const base = { missedAt: '2026-11-01T15:00:00Z', slaDueAt: '2026-11-01T15:05:00Z', status: 'open' };
        expect(slaStatus({ ...base, firstAttemptAt: '2026-11-01T15:04:00Z' }, now).key).toBe('met');
        expect(slaStatus({ ...base, firstAttemptAt: '2026-11-01T15:08:00Z' }, now)).toMatchObject({
            key: 'late',
            label: 'Attempted 3m late'
        });
        expect(slaStatus(base, now)).toMatchObject({ key: 'overdue', label: 'Overdue by 5m' });
        expect(slaStatus(base, new Date('2026-11-01T15:02:00Z'))).toMatchObject({ key: 'due', label: 'Due in 3m' });
        expect(slaStatus({ ...base, status: 'contacted' }, now).key).toBe('reached');
    });

    it('sums snapshots into period rates from counts, not averaged daily rates', () => {
        const totals = sumSnapshots([
            { Missed__c: 1, Attempted__c: 1, Contacted__c: 1, Contacted_After_Attempt__c: 1, Revenue__c: 100 },
            { Missed__c: 9, Attempted__c: 0, Contacted__c: 0, Revenue__c: null }
        ]);
        expect(totals.missed).toBe(10);
        expect(totals.revenue).toBe(100);
        expect(totals.recoveryRate).toBeCloseTo(0.1);
        expect(totals.contactRate).toBe(1);
        expect(totals.bookingRate).toBe(0); // booked 0 of the 1 contacted
        expect(sumSnapshots([]).recoveryRate).toBeNull();
    });
});
