import { createElement } from 'lwc';
import RingbackDashboard from 'c/ringbackDashboard';
import getLocationSummaries from '@salesforce/apex/RingbackSnapshotController.getLocationSummaries';

jest.mock(
    '@salesforce/apex/RingbackSnapshotController.getLocationSummaries',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

const SUMMARIES = [
    {
        locationRecordId: 'a01000000000001AAA',
        name: 'Tucson',
        vertical: 'hvac',
        missed: 10,
        recoveryRate: 0.5,
        slaMetRate: 0.9,
        recoveryRank: 37.5,
        laggard: false,
        revenue: 0
    },
    {
        locationRecordId: 'a01000000000002AAA',
        name: 'Phoenix',
        vertical: 'hvac',
        missed: 10,
        recoveryRate: 0.1,
        slaMetRate: 0.9,
        recoveryRank: 12.5,
        laggard: true,
        revenue: 350
    },
    {
        locationRecordId: 'a01000000000003AAA',
        name: 'Mesa',
        vertical: 'plumbing',
        missed: 0,
        recoveryRate: null,
        slaMetRate: null,
        recoveryRank: null,
        laggard: false,
        revenue: 0
    },
    {
        locationRecordId: 'a01000000000004AAA',
        name: 'Tempe',
        vertical: 'plumbing',
        missed: 10,
        recoveryRate: 0.8,
        slaMetRate: 0.2,
        recoveryRank: 75,
        laggard: true,
        revenue: 900
    }
];

async function flushPromises() {
    await Promise.resolve();
    await Promise.resolve();
}

function render() {
    const element = createElement('c-ringback-dashboard', { is: RingbackDashboard });
    document.body.appendChild(element);
    return element;
}

const q = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const names = (element) => q(element, 'table').data.map((r) => r.name);

describe('c-ringback-dashboard', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('shows a spinner until the summaries arrive, for the last 30 days', async () => {
        const element = render();
        await flushPromises();
        expect(q(element, 'spinner')).not.toBeNull();
        expect(q(element, 'table')).toBeNull();
        expect(getLocationSummaries.getLastConfig()).toEqual({ days: 30 });
    });

    it('says when there is nothing in the period', async () => {
        const element = render();
        getLocationSummaries.emit([]);
        await flushPromises();
        expect(q(element, 'empty')).not.toBeNull();
        expect(q(element, 'spinner')).toBeNull();
        expect(q(element, 'table')).toBeNull();
    });

    it('shows the read error', async () => {
        const element = render();
        getLocationSummaries.error({ message: 'Insufficient access rights on cross-reference id' });
        await flushPromises();
        expect(q(element, 'error').textContent).toMatch(/Insufficient access/);
        expect(q(element, 'table')).toBeNull();
    });

    it('lists laggards first, highlighted, with links to the location records', async () => {
        const element = render();
        getLocationSummaries.emit(SUMMARIES);
        await flushPromises();
        // Tempe lags on SLA met despite a high recovery rate: laggards first, then by recovery rate.
        expect(names(element)).toEqual(['Phoenix', 'Tempe', 'Tucson', 'Mesa']);
        const rows = q(element, 'table').data;
        expect(rows[0].rowClass).toMatch(/laggard/);
        expect(rows[1].rowClass).toMatch(/laggard/);
        expect(rows[2].rowClass).toBe('');
        expect(rows[0].recordUrl).toBe('/lightning/r/Ringback_Location__c/a01000000000002AAA/view');
        expect(q(element, 'summary').textContent).toBe(
            '4 locations · 2 lagging (bottom quartile on recovery or SLA met)'
        );
        const columns = q(element, 'table').columns;
        expect(columns.every((c) => c.sortable)).toBe(true);
        expect(columns.every((c) => c.cellAttributes.class.fieldName === 'rowClass')).toBe(true);
    });

    it('sorts by the clicked column, nulls last either way', async () => {
        const element = render();
        getLocationSummaries.emit(SUMMARIES);
        await flushPromises();
        const table = q(element, 'table');
        table.dispatchEvent(new CustomEvent('sort', { detail: { fieldName: 'recoveryRate', sortDirection: 'desc' } }));
        await flushPromises();
        expect(names(element)).toEqual(['Tempe', 'Tucson', 'Phoenix', 'Mesa']);
        expect(q(element, 'table').sortedBy).toBe('recoveryRate');
        q(element, 'table').dispatchEvent(
            new CustomEvent('sort', { detail: { fieldName: 'recordUrl', sortDirection: 'asc' } })
        );
        await flushPromises();
        expect(names(element)).toEqual(['Mesa', 'Phoenix', 'Tempe', 'Tucson']);
    });

    it('asks again for another period', async () => {
        const element = render();
        getLocationSummaries.emit(SUMMARIES);
        await flushPromises();
        q(element, 'period').dispatchEvent(new CustomEvent('change', { detail: { value: '7' } }));
        await flushPromises();
        expect(getLocationSummaries.getLastConfig()).toEqual({ days: 7 });
        expect(q(element, 'spinner')).not.toBeNull();
    });
});
