import { LightningElement, api } from 'lwc';
import { formatRank, formatRate } from 'c/ringbackFormat';

/**
 * One rate with where the location stands among its peers: a 0-100 track with a marker for the
 * account rank and one for the vertical rank, the bottom quartile shaded, and the change against the
 * previous period.
 */
export default class RingbackPercentileBar extends LightningElement {
    @api label;
    /** The rate, 0..1 or null. */
    @api value;
    /** The same rate in the previous period of equal length, 0..1 or null. */
    @api previous;
    /** Percentile rank 0..100 among the account's locations, or null. */
    @api accountRank;
    /** Percentile rank 0..100 among the locations of the same vertical, or null. */
    @api verticalRank;

    get valueText() {
        return formatRate(this.value);
    }

    get hasAccount() {
        return isNumber(this.accountRank);
    }

    get hasVertical() {
        return isNumber(this.verticalRank);
    }

    get accountStyle() {
        return `left: ${clampRank(this.accountRank)}%`;
    }

    get verticalStyle() {
        return `left: ${clampRank(this.verticalRank)}%`;
    }

    get accountText() {
        return formatRank(this.accountRank);
    }

    get verticalText() {
        return formatRank(this.verticalRank);
    }

    get lagging() {
        return this.hasAccount && Number(this.accountRank) < 25;
    }

    get containerClass() {
        return this.lagging ? 'bar bar_lagging' : 'bar';
    }

    /** "+12 pts", "-3 pts" or "" when either period had nothing to divide. */
    get changeText() {
        if (!isNumber(this.value) || !isNumber(this.previous)) return '';
        const points = Math.round((Number(this.value) - Number(this.previous)) * 100);
        return `${points > 0 ? '+' : ''}${points} pts vs previous`;
    }

    get ariaLabel() {
        return `${this.label}: ${this.valueText}, account ${this.accountText}, vertical ${this.verticalText}`;
    }
}

function isNumber(v) {
    return v !== null && v !== undefined && !Number.isNaN(Number(v));
}

function clampRank(rank) {
    return Math.min(100, Math.max(0, Math.round(Number(rank))));
}
