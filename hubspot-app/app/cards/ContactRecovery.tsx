/**
 * The contact card (record tab and sidebar of a contact): this caller's missed calls as Ringback
 * sees them, and the outcomes only a person can tell (booked elsewhere, wrong number, spam).
 * The sidebar shows the same cases, shorter. Data comes from `GET /hubspot/contact-card`, which
 * matches cases by the contact id Ringback wrote and by the contact's phone numbers.
 */
import { useCallback, useMemo, useState } from 'react';
import { EmptyState, Flex, Text, hubspot } from '@hubspot/ui-extensions';
import type { AddAlertAction } from '@hubspot/ui-extensions';
import { RingbackApi, type Fetcher } from './lib/api.ts';
import { backendOrigin } from './lib/origin.ts';
import { useResource } from './lib/use-resource.ts';
import { useServerNow, type Clock } from './lib/clock.ts';
import { Loading, LoadError, explainError } from './lib/LoadStates.tsx';
import { CaseTile } from './contact/CaseTile.tsx';
import { CARD_ACTIONS, type CardOutcomeAction } from './contact/outcome-actions.ts';

/** How many cases the sidebar lists; the record tab lists every case the backend sends (≤ 20). */
export const SIDEBAR_CASES = 3;

export interface ContactRecoveryProps {
  context: {
    location: string;
    crm: { objectId: number | string };
    portal: { timezone: string };
    variables?: Record<string, unknown>;
  };
  actions: {
    addAlert: AddAlertAction;
    fetchCrmObjectProperties: (properties: string[]) => Promise<Record<string, string>>;
  };
  fetcher: Fetcher;
  /** The browser clock; tests pass their own. */
  clock?: Clock;
  tickMs?: number;
}

export function ContactRecovery({ context, actions, fetcher, clock, tickMs }: ContactRecoveryProps) {
  const api = useMemo(() => new RingbackApi(fetcher, backendOrigin(context)), [fetcher, context]);
  const contactId = String(context.crm.objectId);
  const compact = context.location === 'crm.record.sidebar';
  const [pending, setPending] = useState<string | null>(null);

  const load = useCallback(async () => {
    // The contact's numbers find calls from before Ringback linked this contact; a failure to read
    // them only narrows the match to the linked contact id.
    const props = await actions
      .fetchCrmObjectProperties(['phone', 'mobilephone'])
      .catch(() => ({}) as Record<string, string>);
    const phone = props.phone || props.mobilephone || null;
    return api.contactCard(contactId, phone);
  }, [actions, api, contactId]);
  const card = useResource(load, contactId);
  const now = useServerNow(card.data?.now, clock, tickMs);

  const record = async (caseId: string, action: CardOutcomeAction) => {
    setPending(caseId);
    try {
      await api.recordOutcome(caseId, action);
      actions.addAlert({
        type: 'success',
        title: 'Ringback',
        message: CARD_ACTIONS.find((a) => a.action === action)!.done,
      });
      card.reload();
    } catch (err) {
      const { title, detail } = explainError(err as Error);
      actions.addAlert({ type: 'danger', title, message: detail });
    } finally {
      setPending(null);
    }
  };

  if (card.status === 'error') return <LoadError error={card.error} onRetry={card.reload} />;
  if (!card.data) return <Loading label="Loading missed calls…" />;
  const { cases, currency } = card.data;
  if (cases.length === 0) {
    return (
      <EmptyState title="No missed calls from this contact" imageName="callingSetUp" layout="vertical" flush={compact}>
        <Text>
          When Ringback logs a missed call from one of this contact's numbers, it shows here with its SLA and callbacks.
        </Text>
      </EmptyState>
    );
  }
  const open = cases.filter((c) => c.status === 'open' && !c.spam).length;
  const shown = compact ? cases.slice(0, SIDEBAR_CASES) : cases;
  return (
    <Flex direction="column" gap="sm">
      <Text testId="summary">
        {`${cases.length} missed call${cases.length === 1 ? '' : 's'}${open ? `, ${open} waiting for a callback` : ''}`}
        {shown.length < cases.length ? ` (latest ${shown.length} shown; see the record tab for all)` : ''}
      </Text>
      {shown.map((c) => (
        <CaseTile
          key={c.id}
          item={c}
          now={now}
          timeZone={context.portal.timezone}
          currency={currency}
          compact={compact}
          pending={pending === c.id}
          onOutcome={(id, action) => void record(id, action)}
        />
      ))}
    </Flex>
  );
}

hubspot.extend<'crm.record.tab'>(({ context, actions }) => (
  <ContactRecovery context={context} actions={actions} fetcher={hubspot.fetch} />
));
