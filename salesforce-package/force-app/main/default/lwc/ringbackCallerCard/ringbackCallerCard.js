import { LightningElement, api } from 'lwc';
import getCallerActivity from '@salesforce/apex/RingbackController.getCallerActivity';
import { formatSeconds, reduceErrors, slaStatus } from 'c/ringbackFormat';

const SHOWN_CASES = 5;

/**
 * On a Contact or Lead page: this caller's missed calls as Ringback sees them right now (live through
 * RingbackController and the Ringback_Backend named credential): how many, whether the open one is
 * inside its SLA, attempts, who owns it and how urgent it is.
 */
export default class RingbackCallerCard extends LightningElement {
    @api recordId;
    @api objectApiName;

    activity;
    error;
    loading = true;

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        this.error = undefined;
        try {
            this.activity = await getCallerActivity({ recordId: this.recordId });
        } catch (error) {
            this.activity = undefined;
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    handleRefresh() {
        this.load();
    }

    get errorMessage() {
        return reduceErrors(this.error).join('; ');
    }

    get hasError() {
        return !this.loading && !!this.error;
    }

    get isEmpty() {
        return !this.loading && !this.error && (!this.activity || this.activity.cases.length === 0);
    }

    get hasCases() {
        return !this.loading && !this.error && !!this.activity && this.activity.cases.length > 0;
    }

    get views() {
        const now = new Date();
        return (this.activity ? this.activity.cases : []).map((c) => {
            const sla = slaStatus(c, now);
            const factors = c.priorityFactors || [];
            return {
                ...c,
                sla,
                slaClass: `sla sla_${sla.key}`,
                attemptText: c.firstAttemptAt
                    ? `First attempt after ${formatSeconds((Date.parse(c.firstAttemptAt) - Date.parse(c.missedAt)) / 1000)}`
                    : 'No attempt yet',
                ownerText: c.ownerName || c.ownerId || 'Unassigned',
                priorityText:
                    c.priorityScore === null || c.priorityScore === undefined
                        ? '—'
                        : String(Math.round(c.priorityScore)),
                factorsText: factors.join(' · '),
                hasFactors: factors.length > 0,
                title: [c.category, c.intent]
                    .filter((v) => !!v)
                    .join(' · ')
                    .replace(/_/g, ' ')
            };
        });
    }

    get shownCases() {
        return this.views.slice(0, SHOWN_CASES);
    }

    /** The case that matters most now: the most recent one still open, else the most recent. */
    get current() {
        const views = this.views;
        return views.find((v) => v.status === 'open' || v.status === 'attempted') || views[0];
    }

    get attemptedCount() {
        return this.views.filter((v) => !!v.firstAttemptAt).length;
    }

    get matchNote() {
        return this.activity && this.activity.matchedBy === 'phone' ? 'Matched by phone number' : '';
    }
}
