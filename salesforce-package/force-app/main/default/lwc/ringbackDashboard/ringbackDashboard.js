import { LightningElement, wire } from 'lwc';
import getLocationSummaries from '@salesforce/apex/RingbackSnapshotController.getLocationSummaries';
import { reduceErrors } from 'c/ringbackFormat';

const LAGGARD_CLASS = 'laggard slds-text-color_error';
const rowClass = { fieldName: 'rowClass' };

const COLUMNS = [
    {
        label: 'Location',
        fieldName: 'recordUrl',
        type: 'url',
        sortable: true,
        typeAttributes: { label: { fieldName: 'name' } },
        cellAttributes: { class: rowClass }
    },
    { label: 'Vertical', fieldName: 'vertical', sortable: true, cellAttributes: { class: rowClass } },
    { label: 'Missed', fieldName: 'missed', type: 'number', sortable: true, cellAttributes: { class: rowClass } },
    {
        label: 'Attempt rate',
        fieldName: 'attemptRate',
        type: 'percent',
        sortable: true,
        cellAttributes: { class: rowClass }
    },
    { label: 'SLA met', fieldName: 'slaMetRate', type: 'percent', sortable: true, cellAttributes: { class: rowClass } },
    {
        label: 'Contact rate',
        fieldName: 'contactRate',
        type: 'percent',
        sortable: true,
        cellAttributes: { class: rowClass }
    },
    {
        label: 'Booking rate',
        fieldName: 'bookingRate',
        type: 'percent',
        sortable: true,
        cellAttributes: { class: rowClass }
    },
    {
        label: 'Recovery rate',
        fieldName: 'recoveryRate',
        type: 'percent',
        sortable: true,
        cellAttributes: { class: rowClass }
    },
    {
        label: 'Recovery rank',
        fieldName: 'recoveryRank',
        type: 'number',
        sortable: true,
        typeAttributes: { maximumFractionDigits: 0 },
        cellAttributes: { class: rowClass }
    },
    { label: 'Revenue', fieldName: 'revenue', type: 'currency', sortable: true, cellAttributes: { class: rowClass } }
];

const PERIODS = [
    { label: 'Last 7 days', value: '7' },
    { label: 'Last 30 days', value: '30' },
    { label: 'Last 90 days', value: '90' }
];

/**
 * The Ringback app page: every location's recovery over a period, from the snapshots in the org,
 * sortable by any column, with the laggards (bottom quartile on recovery or SLA met) highlighted and
 * listed first until the user sorts otherwise.
 */
export default class RingbackDashboard extends LightningElement {
    columns = COLUMNS;
    periods = PERIODS;
    period = '30';
    rows;
    error;
    sortedBy;
    sortDirection = 'asc';

    @wire(getLocationSummaries, { days: '$days' })
    wiredSummaries({ data, error }) {
        if (data) {
            this.error = undefined;
            this.rows = this.sortRows(data.map(toRow), this.sortedBy, this.sortDirection);
        } else if (error) {
            this.rows = undefined;
            this.error = error;
        }
    }

    get days() {
        return Number(this.period);
    }

    handlePeriodChange(event) {
        this.period = event.detail.value;
        this.rows = undefined;
        this.error = undefined;
    }

    handleSort(event) {
        const { fieldName, sortDirection } = event.detail;
        this.sortedBy = fieldName;
        this.sortDirection = sortDirection;
        this.rows = this.sortRows(this.rows || [], fieldName, sortDirection);
    }

    /** Sorted copy; nulls last either way. Unsorted: laggards first, then by recovery rate. */
    sortRows(rows, fieldName, direction) {
        const copy = [...rows];
        if (!fieldName) {
            return copy.sort(
                (a, b) => Number(b.laggard) - Number(a.laggard) || compare(a.recoveryRate, b.recoveryRate)
            );
        }
        const key = fieldName === 'recordUrl' ? 'name' : fieldName;
        const sign = direction === 'desc' ? -1 : 1;
        return copy.sort((a, b) => {
            const av = a[key];
            const bv = b[key];
            if (av === null || av === undefined) return bv === null || bv === undefined ? 0 : 1;
            if (bv === null || bv === undefined) return -1;
            return sign * compare(av, bv);
        });
    }

    get loading() {
        return !this.rows && !this.error;
    }

    get hasError() {
        return !!this.error;
    }

    get errorMessage() {
        return reduceErrors(this.error).join('; ');
    }

    get isEmpty() {
        return !!this.rows && this.rows.length === 0;
    }

    get hasRows() {
        return !!this.rows && this.rows.length > 0;
    }

    get laggardCount() {
        return (this.rows || []).filter((r) => r.laggard).length;
    }

    get summaryText() {
        const n = this.rows ? this.rows.length : 0;
        const lagging = this.laggardCount;
        return `${n} location${n === 1 ? '' : 's'} · ${lagging} lagging (bottom quartile on recovery or SLA met)`;
    }
}

function toRow(s) {
    return {
        ...s,
        id: s.locationRecordId,
        recordUrl: `/lightning/r/Ringback_Location__c/${s.locationRecordId}/view`,
        rowClass: s.laggard ? LAGGARD_CLASS : ''
    };
}

function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return typeof a === 'string' ? a.localeCompare(b) : a < b ? -1 : 1;
}
