import { createElement } from 'lwc';
import RingbackPercentileBar from 'c/ringbackPercentileBar';

function render(props) {
    const element = createElement('c-ringback-percentile-bar', { is: RingbackPercentileBar });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-ringback-percentile-bar', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('places both rank markers and shows the change against the previous period', () => {
        const element = render({
            label: 'Recovery rate',
            value: 0.6,
            previous: 0.5,
            accountRank: 37.5,
            verticalRank: 50
        });
        const root = element.shadowRoot;
        expect(root.querySelector('.value').textContent).toBe('60%');
        expect(root.querySelector('.marker_account').style.left).toBe('38%');
        expect(root.querySelector('.marker_vertical').style.left).toBe('50%');
        expect(root.querySelector('.ranks').textContent).toBe('Account P38 · Vertical P50');
        expect(root.querySelector('.change').textContent).toBe('+10 pts vs previous');
        expect(root.querySelector('.bar_lagging')).toBeNull();
    });

    it('marks a bottom-quartile rate as lagging', () => {
        const element = render({ label: 'SLA met', value: 0.2, accountRank: 12.5, verticalRank: 25 });
        expect(element.shadowRoot.querySelector('.bar_lagging')).not.toBeNull();
    });

    it('has no markers and no change when there is nothing to rank', () => {
        const element = render({
            label: 'Booking rate',
            value: null,
            previous: 0.4,
            accountRank: null,
            verticalRank: null
        });
        const root = element.shadowRoot;
        expect(root.querySelector('.marker')).toBeNull();
        expect(root.querySelector('.value').textContent).toBe('—');
        expect(root.querySelector('.change').textContent).toBe('');
    });
});
