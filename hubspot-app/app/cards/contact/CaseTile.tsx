/**
 * One missed call on the contact card: what was missed (category, location, source, when), where it
 * stands against its SLA (a live countdown, or by how much it is late), the callback attempts and
 * recorded outcomes, who owns the follow-up task, the priority score with its strongest factors,
 * and the outcomes a person can record that the CRM cannot know.
 */
import {
  Button,
  ButtonRow,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Heading,
  List,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
  Tile,
} from '@hubspot/ui-extensions';
import type { CardCase } from '../lib/types.ts';
import { CARD_ACTIONS, actionAllowed, type CardOutcomeAction } from './outcome-actions.ts';
import { slaStatus, type SlaState } from '../lib/sla.ts';
import { dateTime, money, seconds } from '../lib/format.ts';
import {
  ATTEMPT_RESULT_LABEL,
  CATEGORY_LABEL,
  INTENT_LABEL,
  OUTCOME_LABEL,
  OWNER_REASON_LABEL,
  STATUS_LABEL,
  STATUS_TAG,
  type TagVariant,
} from '../lib/labels.ts';

const SLA_TAG: Record<SlaState, TagVariant> = {
  due: 'warning',
  breached: 'error',
  met: 'success',
  late: 'warning',
  closed: 'default',
};

export interface CaseTileProps {
  item: CardCase;
  now: Date;
  timeZone: string;
  currency: string;
  compact: boolean;
  pending: boolean;
  onOutcome: (caseId: string, action: CardOutcomeAction) => void;
}

export function CaseTile({ item, now, timeZone, currency, compact, pending, onOutcome }: CaseTileProps) {
  const sla = slaStatus(item, now);
  const where = item.locationName ?? 'No location';
  const ownerId = item.crm.ownerId ?? item.owner.id;
  const reason = item.owner.reason ? (OWNER_REASON_LABEL[item.owner.reason] ?? item.owner.reason) : null;
  return (
    <Tile compact testId={`case-${item.id}`}>
      <Flex direction="column" gap="sm">
        <Flex justify="between" align="center" wrap>
          <Heading>{`${CATEGORY_LABEL[item.category]} · ${where}`}</Heading>
          <Flex gap="xs" wrap>
            <Tag variant={STATUS_TAG[item.status]}>{STATUS_LABEL[item.status]}</Tag>
            {item.urgency === 'high' && <Tag variant="error">High urgency</Tag>}
            {item.afterHours && <Tag>After hours</Tag>}
            {item.escalationTier === 2 && <Tag variant="warning">Escalated to manager</Tag>}
            {item.escalationTier === 3 && <Tag variant="error">Escalated to corporate</Tag>}
          </Flex>
        </Flex>
        <Text variant="microcopy">
          {[
            dateTime(item.missedAt, timeZone),
            `Source: ${item.source ?? 'unknown'}`,
            INTENT_LABEL[item.intent] ?? item.intent,
            item.repeatCount > 0 ? `called ${item.repeatCount + 1} times` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Flex gap="xs" align="center">
          <Text format={{ fontWeight: 'demibold' }}>SLA</Text>
          <Tag variant={SLA_TAG[sla.state]} testId={`sla-${item.id}`}>
            {sla.label}
          </Tag>
        </Flex>
        <DescriptionList direction="row">
          <DescriptionListItem label="Task owner">
            <Text>{ownerId ? `HubSpot owner ${ownerId}${reason ? ` (${reason})` : ''}` : 'Not assigned yet'}</Text>
          </DescriptionListItem>
          <DescriptionListItem label="Priority">
            <Text>{item.priorityScore === null ? 'Not scored yet' : `${item.priorityScore} / 100`}</Text>
          </DescriptionListItem>
        </DescriptionList>
        {item.priorityFactors.length > 0 && (
          <List variant="unordered-styled" testId={`factors-${item.id}`}>
            {(compact ? item.priorityFactors.slice(0, 1) : item.priorityFactors).map((f) => (
              <Text key={f} variant="microcopy">
                {f}
              </Text>
            ))}
          </List>
        )}
        {compact ? (
          <AttemptSummary item={item} timeZone={timeZone} />
        ) : (
          <AttemptTable item={item} timeZone={timeZone} />
        )}
        {item.outcomes.length > 0 && (
          <List variant="unordered" testId={`outcomes-${item.id}`}>
            {item.outcomes.map((o) => (
              <Text key={`${o.type}:${o.at}`}>
                {[
                  OUTCOME_LABEL[o.type] ?? o.type,
                  o.amount !== null ? money(o.amount, currency) : null,
                  dateTime(o.at, timeZone),
                  o.source === 'hubspot_card' ? 'recorded on this card' : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            ))}
          </List>
        )}
        <ButtonRow disableDropdown={!compact}>
          {CARD_ACTIONS.map((a) => (
            <Button
              key={a.action}
              size="xs"
              variant={a.action === 'booked_elsewhere' ? 'secondary' : 'transparent'}
              disabled={pending || !actionAllowed(item, a.action)}
              onClick={() => onOutcome(item.id, a.action)}
              testId={`${a.action}-${item.id}`}
            >
              {a.label}
            </Button>
          ))}
        </ButtonRow>
      </Flex>
    </Tile>
  );
}

function AttemptTable({ item, timeZone }: { item: CardCase; timeZone: string }) {
  if (item.attempts.length === 0) return <Text variant="microcopy">No callback attempts yet.</Text>;
  return (
    <Table density="condensed" testId={`attempts-${item.id}`}>
      <TableHead>
        <TableRow>
          <TableHeader>Callback</TableHeader>
          <TableHeader>Result</TableHeader>
          <TableHeader>Talk time</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {item.attempts.map((a) => (
          <TableRow key={a.at}>
            <TableCell>{dateTime(a.at, timeZone)}</TableCell>
            <TableCell>{ATTEMPT_RESULT_LABEL[a.result]}</TableCell>
            <TableCell>{a.answered ? seconds(a.talkSeconds) : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function AttemptSummary({ item, timeZone }: { item: CardCase; timeZone: string }) {
  const last = item.attempts.at(-1);
  if (!last) return <Text variant="microcopy">No callback attempts yet.</Text>;
  const n = item.attempts.length;
  return (
    <Text variant="microcopy" testId={`attempts-${item.id}`}>
      {`${n} callback attempt${n === 1 ? '' : 's'} · last: ${ATTEMPT_RESULT_LABEL[last.result]}, ${dateTime(last.at, timeZone)}`}
    </Text>
  );
}
