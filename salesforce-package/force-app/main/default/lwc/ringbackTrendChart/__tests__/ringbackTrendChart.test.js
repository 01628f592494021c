import { createElement } from 'lwc';
import RingbackTrendChart from 'c/ringbackTrendChart';

function render(props) {
    const element = createElement('c-ringback-trend-chart', { is: RingbackTrendChart });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-ringback-trend-chart', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('says so when no day has a value', () => {
        const element = render({ label: 'Recovery', points: [{ label: '2026-11-01', value: null }] });
        expect(element.shadowRoot.querySelector('svg')).toBeNull();
        expect(element.shadowRoot.querySelector('.empty').textContent).toMatch(/No days/);
    });

    it('draws one line per run of days with a value, leaving gaps for empty days', () => {
        const element = render({
            label: 'Recovery',
            points: [
                { label: '2026-11-01', value: 0.5 },
                { label: '2026-11-02', value: 1 },
                { label: '2026-11-03', value: null },
                { label: '2026-11-04', value: 0 },
                { label: '2026-11-05', value: 0.25 }
            ]
        });
        const lines = element.shadowRoot.querySelectorAll('polyline');
        expect(lines).toHaveLength(2);
        // x spreads the 5 days over 300 units; y is 100 at 0% and 0 at 100%.
        expect(lines[0].getAttribute('points')).toBe('0,50 75,0');
        expect(lines[1].getAttribute('points')).toBe('225,100 300,75');
        expect(element.shadowRoot.querySelectorAll('circle')).toHaveLength(4);
        expect(element.shadowRoot.querySelector('circle title').textContent).toBe('2026-11-01: 50%');
        expect(element.shadowRoot.querySelector('svg').getAttribute('aria-label')).toBe(
            'Recovery from 2026-11-01 to 2026-11-05'
        );
    });

    it('centres a single day', () => {
        const element = render({ label: 'Recovery', points: [{ label: '2026-11-01', value: 0.5 }] });
        expect(element.shadowRoot.querySelector('circle').getAttribute('cx')).toBe('150');
    });
});
