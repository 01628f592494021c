import { createElement } from 'lwc';
import RingbackLocationCard from 'c/ringbackLocationCard';
import getSnapshots from '@salesforce/apex/RingbackSnapshotController.getSnapshots';
import getLocationRecovery from '@salesforce/apex/RingbackController.getLocationRecovery';

jest.mock(
    '@salesforce/apex/RingbackSnapshotController.getSnapshots',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/RingbackController.getLocationRecovery', () => ({ default: jest.fn() }), { virtual: true });

const RECORD_ID = 'a01000000000001AAA';

const SNAPSHOTS = [
    {
        Id: 'a02000000000001AAA',
        Date__c: '2026-10-31',
        Missed__c: 4,
        Attempted__c: 3,
        Attempted_Within_SLA__c: 2,
        Contacted__c: 2,
        Booked__c: 1,
        Won__c: 1,
        Revenue__c: 350,
        Contacted_After_Attempt__c: 2,
        Booked_After_Contact__c: 1,
        Won_After_Booking__c: 1
    },
    { Id: 'a02000000000002AAA', Date__c: '2026-11-01', Missed__c: 0 },
    {
        Id: 'a02000000000003AAA',
        Date__c: '2026-11-02',
        Missed__c: 6,
        Attempted__c: 5,
        Attempted_Within_SLA__c: 5,
        Contacted__c: 3,
        Booked__c: 1,
        Won__c: 0,
        Revenue__c: 0,
        Contacted_After_Attempt__c: 3,
        Booked_After_Contact__c: 1,
        Won_After_Booking__c: 0
    }
];

const LIVE = {
    locationId: 'phoenix',
    currencyCode: 'USD',
    missed: 10,
    callbackP50: 240,
    callbackP90: 5400,
    revenueAtRiskLow: 900,
    revenueAtRiskHigh: 2400,
    openHighIntentCount: 3,
    rates: [
        { key: 'attemptRate', value: 0.8, previous: 0.7, accountRank: 62.5, verticalRank: 50 },
        { key: 'recoveryRate', value: 0.5, previous: 0.6, accountRank: 12.5, verticalRank: 25 }
    ],
    histogram: []
};

async function flushPromises() {
    await Promise.resolve();
    await Promise.resolve();
}

function render() {
    const element = createElement('c-ringback-location-card', { is: RingbackLocationCard });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    return element;
}

const q = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const all = (element, id) => element.shadowRoot.querySelectorAll(`[data-id="${id}"]`);

describe('c-ringback-location-card', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('shows a spinner until the snapshots arrive and asks for this location over 30 days', async () => {
        getLocationRecovery.mockReturnValue(new Promise(() => {}));
        const element = render();
        await flushPromises();
        expect(q(element, 'spinner')).not.toBeNull();
        expect(q(element, 'live-loading')).not.toBeNull();
        expect(getSnapshots.getLastConfig()).toEqual({ locationId: RECORD_ID, days: 30 });
        expect(getLocationRecovery).toHaveBeenCalledWith({ locationId: RECORD_ID, days: 30 });
    });

    it('says when there are no snapshots yet', async () => {
        getLocationRecovery.mockResolvedValue(LIVE);
        const element = render();
        getSnapshots.emit([]);
        await flushPromises();
        expect(q(element, 'spinner')).toBeNull();
        expect(q(element, 'empty')).not.toBeNull();
        expect(q(element, 'decomposition')).toBeNull();
    });

    it('shows a snapshot read error', async () => {
        getLocationRecovery.mockResolvedValue(LIVE);
        const element = render();
        getSnapshots.error({ message: 'Insufficient access to Ringback_Recovery_Snapshot__c' });
        await flushPromises();
        expect(q(element, 'error').textContent).toMatch(/Insufficient access/);
        expect(q(element, 'decomposition')).toBeNull();
    });

    it('decomposes the period, charts the days and overlays live ranks', async () => {
        getLocationRecovery.mockResolvedValue(LIVE);
        const element = render();
        getSnapshots.emit(SNAPSHOTS);
        await flushPromises();
        const counts = [...all(element, 'step-count')].map((n) => n.textContent);
        expect(counts).toEqual(['10', '8', '5', '2', '1']);
        const rates = [...all(element, 'rate')].map((n) => n.textContent.replace(/\s+/g, ' ').trim());
        expect(rates).toEqual(['Attempt rate: 80%', 'SLA met: 70%', 'Contact rate: 63%', 'Recovery rate: 50%']);
        const trend = q(element, 'trend');
        expect(trend.points.map((p) => p.value)).toEqual([0.5, null, 0.5]);
        const bars = element.shadowRoot.querySelectorAll('c-ringback-percentile-bar');
        expect(bars).toHaveLength(2);
        expect(bars[1].label).toBe('Recovery rate');
        expect(bars[1].accountRank).toBe(12.5);
        expect(bars[1].verticalRank).toBe(25);
        expect(q(element, 'callback').textContent).toBe('4m median · 1h 30m p90');
        expect(q(element, 'at-risk').textContent).toMatch(/900.*2,400/);
        expect(q(element, 'open-high-intent').textContent).toBe('3');
    });

    it('keeps the snapshot figures when the live call fails', async () => {
        getLocationRecovery.mockRejectedValue({ body: { message: 'Ringback could not be reached: Read timed out' } });
        const element = render();
        getSnapshots.emit(SNAPSHOTS);
        await flushPromises();
        expect(q(element, 'live-error').textContent).toMatch(/could not be reached/);
        expect(q(element, 'decomposition')).not.toBeNull();
        expect(element.shadowRoot.querySelectorAll('c-ringback-percentile-bar')).toHaveLength(0);
    });
});
