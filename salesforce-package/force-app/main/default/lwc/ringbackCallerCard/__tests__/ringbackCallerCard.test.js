import { createElement } from 'lwc';
import RingbackCallerCard from 'c/ringbackCallerCard';
import getCallerActivity from '@salesforce/apex/RingbackController.getCallerActivity';

jest.mock('@salesforce/apex/RingbackController.getCallerActivity', () => ({ default: jest.fn() }), { virtual: true });

const RECORD_ID = '003000000000001AAA';
const minutesAgo = (m) => new Date(Date.now() - m * 60000).toISOString();

function activity(overrides = {}) {
    return {
        missedCount: 3,
        openCount: 1,
        repeatCount: 1,
        matchedBy: 'record',
        cases: [
            {
                id: 'mc_1',
                status: 'open',
                category: 'voicemail',
                intent: 'new_lead',
                missedAt: minutesAgo(20),
                slaDueAt: minutesAgo(15),
                firstAttemptAt: null,
                priorityScore: 87.4,
                priorityFactors: ['after-hours voicemail', 'paid search'],
                ownerId: '005000000000001AAA',
                ownerName: 'Dana Ortiz'
            },
            {
                id: 'mc_0',
                status: 'contacted',
                category: 'no_answer',
                intent: 'existing_customer',
                missedAt: minutesAgo(3000),
                slaDueAt: minutesAgo(2990),
                firstAttemptAt: minutesAgo(2995),
                priorityScore: null,
                priorityFactors: [],
                ownerId: null,
                ownerName: null
            }
        ],
        ...overrides
    };
}

async function flushPromises() {
    // Apex promise, then the re-render it causes.
    await Promise.resolve();
    await Promise.resolve();
}

function render() {
    const element = createElement('c-ringback-caller-card', { is: RingbackCallerCard });
    element.recordId = RECORD_ID;
    element.objectApiName = 'Contact';
    document.body.appendChild(element);
    return element;
}

const q = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);

describe('c-ringback-caller-card', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('shows a spinner while Ringback answers', async () => {
        getCallerActivity.mockReturnValue(new Promise(() => {}));
        const element = render();
        await flushPromises();
        expect(q(element, 'spinner')).not.toBeNull();
        expect(q(element, 'error')).toBeNull();
        expect(q(element, 'empty')).toBeNull();
        expect(q(element, 'stats')).toBeNull();
    });

    it('says when the caller has no missed calls', async () => {
        getCallerActivity.mockResolvedValue(activity({ missedCount: 0, openCount: 0, repeatCount: 0, cases: [] }));
        const element = render();
        await flushPromises();
        expect(q(element, 'spinner')).toBeNull();
        expect(q(element, 'empty').textContent).toMatch(/no missed calls/);
        expect(q(element, 'stats')).toBeNull();
    });

    it("shows the backend's error message", async () => {
        getCallerActivity.mockRejectedValue({
            body: { message: 'Ringback refused the account token: check the AccountToken parameter' }
        });
        const element = render();
        await flushPromises();
        expect(q(element, 'error').textContent).toMatch(/AccountToken/);
        expect(q(element, 'stats')).toBeNull();
        expect(q(element, 'spinner')).toBeNull();
    });

    it('shows counts, the open case against its SLA, owner, priority and factors', async () => {
        getCallerActivity.mockResolvedValue(activity());
        const element = render();
        await flushPromises();
        expect(getCallerActivity).toHaveBeenCalledWith({ recordId: RECORD_ID });
        expect(q(element, 'missed').textContent).toBe('3');
        expect(q(element, 'open').textContent).toBe('1');
        expect(q(element, 'attempted').textContent).toBe('1');
        expect(q(element, 'current-sla').label).toMatch(/^Overdue by (14|15|16)m$/);
        expect(q(element, 'current-owner').textContent).toBe('Dana Ortiz');
        expect(q(element, 'current-priority').textContent).toBe('87');
        expect(q(element, 'current-factors').textContent).toBe('after-hours voicemail · paid search');
        const cases = element.shadowRoot.querySelectorAll('[data-id="case"]');
        expect(cases).toHaveLength(2);
        expect(cases[1].textContent).toMatch(/SLA met/);
        expect(cases[1].textContent).toMatch(/no answer · existing customer · contacted/);
    });

    it('notes a match made by phone number', async () => {
        getCallerActivity.mockResolvedValue(activity({ matchedBy: 'phone' }));
        const element = render();
        await flushPromises();
        expect(element.shadowRoot.textContent).toMatch(/Matched by phone number/);
    });

    it('asks Ringback again on refresh', async () => {
        getCallerActivity.mockResolvedValueOnce(activity({ missedCount: 0, openCount: 0, cases: [] }));
        getCallerActivity.mockResolvedValueOnce(activity());
        const element = render();
        await flushPromises();
        expect(q(element, 'empty')).not.toBeNull();
        q(element, 'refresh').click();
        await flushPromises();
        expect(getCallerActivity).toHaveBeenCalledTimes(2);
        expect(q(element, 'empty')).toBeNull();
        expect(q(element, 'missed').textContent).toBe('3');
    });
});
