import { LightningElement, api, wire } from 'lwc';
import getSnapshots from '@salesforce/apex/RingbackSnapshotController.getSnapshots';
import getLocationRecovery from '@salesforce/apex/RingbackController.getLocationRecovery';
import { RATE_LABELS, formatMoney, formatRate, formatSeconds, reduceErrors, sumSnapshots } from 'c/ringbackFormat';

const DAYS = 30;
const FUNNEL = [
    ['missed', 'Missed'],
    ['attempted', 'Attempted'],
    ['contacted', 'Contacted'],
    ['booked', 'Booked'],
    ['won', 'Won']
];

/**
 * On a Ringback Location page: the last 30 days from the snapshots Ringback wrote into the org (the
 * funnel decomposition and the daily recovery trend, read through a cacheable Apex wire), and, live
 * from the backend, where the location ranks against the account and its vertical, how fast it calls
 * back and the revenue at risk. The snapshot part works when the backend cannot be reached.
 */
export default class RingbackLocationCard extends LightningElement {
    @api recordId;

    days = DAYS;
    snapshots;
    snapshotError;
    live;
    liveError;
    liveLoading = true;

    @wire(getSnapshots, { locationId: '$recordId', days: '$days' })
    wiredSnapshots({ data, error }) {
        if (data) {
            this.snapshots = data;
            this.snapshotError = undefined;
        } else if (error) {
            this.snapshots = undefined;
            this.snapshotError = error;
        }
    }

    connectedCallback() {
        this.loadLive();
    }

    async loadLive() {
        this.liveLoading = true;
        this.liveError = undefined;
        try {
            this.live = await getLocationRecovery({ locationId: this.recordId, days: this.days });
        } catch (error) {
            this.live = undefined;
            this.liveError = error;
        } finally {
            this.liveLoading = false;
        }
    }

    handleRefresh() {
        this.loadLive();
    }

    get snapshotsLoading() {
        return !this.snapshots && !this.snapshotError;
    }

    get snapshotErrorMessage() {
        return reduceErrors(this.snapshotError).join('; ');
    }

    get hasSnapshotError() {
        return !!this.snapshotError;
    }

    get isEmpty() {
        return !!this.snapshots && this.snapshots.length === 0;
    }

    get hasSnapshots() {
        return !!this.snapshots && this.snapshots.length > 0;
    }

    get totals() {
        return sumSnapshots(this.snapshots);
    }

    /** Each funnel step as a share of missed calls, for the decomposition bars. */
    get funnel() {
        const totals = this.totals;
        const base = totals.missed || 1;
        return FUNNEL.map(([key, label]) => {
            const count = totals[key];
            const share = Math.round((count / base) * 100);
            return { key, label, count, style: `width: ${Math.min(100, share)}%`, shareText: `${share}%` };
        });
    }

    get rateSummary() {
        const t = this.totals;
        return [
            { key: 'attemptRate', label: RATE_LABELS.attemptRate, text: formatRate(t.attemptRate) },
            { key: 'slaMetRate', label: RATE_LABELS.slaMetRate, text: formatRate(t.slaMetRate) },
            { key: 'contactRate', label: RATE_LABELS.contactRate, text: formatRate(t.contactRate) },
            { key: 'recoveryRate', label: RATE_LABELS.recoveryRate, text: formatRate(t.recoveryRate) }
        ];
    }

    get revenueText() {
        return formatMoney(this.totals.revenue, this.live ? this.live.currencyCode : undefined);
    }

    /** Daily recovery rate from the day's own counts (null on a day without missed calls). */
    get trendPoints() {
        return (this.snapshots || []).map((s) => ({
            label: s.Date__c,
            value: s.Missed__c ? Number(s.Contacted__c || 0) / Number(s.Missed__c) : null
        }));
    }

    get liveErrorMessage() {
        return reduceErrors(this.liveError).join('; ');
    }

    get hasLiveError() {
        return !this.liveLoading && !!this.liveError;
    }

    get hasLive() {
        return !this.liveLoading && !!this.live;
    }

    get rankRows() {
        return (this.live ? this.live.rates : []).map((r) => ({ ...r, label: RATE_LABELS[r.key] || r.key }));
    }

    get callbackText() {
        return this.live
            ? `${formatSeconds(this.live.callbackP50)} median · ${formatSeconds(this.live.callbackP90)} p90`
            : '';
    }

    get atRiskText() {
        if (!this.live || this.live.revenueAtRiskLow === null || this.live.revenueAtRiskLow === undefined) return '—';
        const code = this.live.currencyCode;
        return `${formatMoney(this.live.revenueAtRiskLow, code)} – ${formatMoney(this.live.revenueAtRiskHigh, code)}`;
    }
}
