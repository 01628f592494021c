import { LightningElement, api } from 'lwc';
import { formatRate } from 'c/ringbackFormat';

const WIDTH = 300;
const HEIGHT = 100;

/**
 * A daily rate as an inline SVG line (no chart library, no CDN): one polyline per run of days with a
 * value, so a day with nothing to divide shows as a gap instead of a false zero.
 */
export default class RingbackTrendChart extends LightningElement {
    /** Heading above the chart. */
    @api label;
    /** [{ label: 'YYYY-MM-DD', value: 0..1 | null }], oldest first. */
    @api points = [];

    get hasPoints() {
        return (this.points || []).some((p) => p.value !== null && p.value !== undefined);
    }

    get placed() {
        const points = this.points || [];
        const step = points.length > 1 ? WIDTH / (points.length - 1) : 0;
        return points.map((p, i) => ({
            key: `${p.label}-${i}`,
            label: p.label,
            value: p.value,
            x: points.length > 1 ? round(i * step) : WIDTH / 2,
            y: p.value === null || p.value === undefined ? null : round(HEIGHT - clamp(p.value) * HEIGHT)
        }));
    }

    get segments() {
        const segments = [];
        let current = [];
        for (const p of this.placed) {
            if (p.y === null) {
                if (current.length) segments.push(current);
                current = [];
            } else {
                current.push(p);
            }
        }
        if (current.length) segments.push(current);
        return segments.map((run, i) => ({ key: `s${i}`, points: run.map((p) => `${p.x},${p.y}`).join(' ') }));
    }

    get dots() {
        return this.placed
            .filter((p) => p.y !== null)
            .map((p) => ({ key: p.key, x: p.x, y: p.y, title: `${p.label}: ${formatRate(p.value)}` }));
    }

    get firstLabel() {
        return this.points && this.points.length ? this.points[0].label : '';
    }

    get lastLabel() {
        return this.points && this.points.length ? this.points[this.points.length - 1].label : '';
    }

    get ariaLabel() {
        return `${this.label || 'Trend'} from ${this.firstLabel} to ${this.lastLabel}`;
    }
}

function clamp(value) {
    return Math.min(1, Math.max(0, Number(value)));
}

function round(n) {
    return Math.round(n * 10) / 10;
}
