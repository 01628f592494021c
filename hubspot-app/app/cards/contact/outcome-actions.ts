/**
 * The outcomes staff record on the contact card because the CRM cannot know them (the backend's
 * `POST /hubspot/contact-card/outcomes`), and when each makes sense: a case already booked or won
 * cannot be "booked elsewhere", and a case already closed as spam needs neither.
 */
import type { CardCase } from '../lib/types.ts';

export type CardOutcomeAction = 'booked_elsewhere' | 'wrong_number' | 'spam';

export const CARD_ACTIONS: ReadonlyArray<{ action: CardOutcomeAction; label: string; done: string }> = [
  { action: 'booked_elsewhere', label: 'Booked elsewhere', done: 'Recorded as booked through another channel.' },
  {
    action: 'wrong_number',
    label: 'Wrong number',
    done: 'Marked as a wrong number; its follow-up task will be closed.',
  },
  { action: 'spam', label: 'Spam', done: 'Marked as spam; its follow-up task will be closed.' },
];

export function actionAllowed(c: Pick<CardCase, 'status' | 'spam'>, action: CardOutcomeAction): boolean {
  if (c.spam || c.status === 'spam') return false;
  if (action === 'booked_elsewhere') return c.status !== 'booked' && c.status !== 'won';
  return true;
}
