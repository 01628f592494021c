/**
 * The location's open high-intent calls (new leads and urgent calls still waiting for a callback,
 * highest priority first) and the revenue they put at risk, as a range from the location's own
 * history of what such calls were worth.
 */
import {
  Flex,
  Heading,
  Statistics,
  StatisticsItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import type { LocationRecovery } from '../lib/types.ts';
import { CATEGORY_LABEL } from '../lib/labels.ts';
import { dateTime, money } from '../lib/format.ts';
import { slaStatus } from '../lib/sla.ts';

export function OpenCases({ recovery, now, timeZone }: { recovery: LocationRecovery; now: Date; timeZone: string }) {
  const { openHighIntent: open, revenueAtRisk: risk } = recovery;
  const range =
    risk.low === risk.high
      ? money(risk.low, risk.currency)
      : `${money(risk.low, risk.currency)} – ${money(risk.high, risk.currency)}`;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Open high-intent calls</Heading>
      <Statistics testId="at-risk">
        <StatisticsItem label="Open high-intent calls" number={open.count} />
        <StatisticsItem label="Revenue at risk" number={range} />
      </Statistics>
      {open.count === 0 ? (
        <Text>No high-intent call is waiting for a callback.</Text>
      ) : (
        <>
          <Table density="condensed" testId="open-cases">
            <TableHead>
              <TableRow>
                <TableHeader>Caller</TableHeader>
                <TableHeader>Missed</TableHeader>
                <TableHeader>Call</TableHeader>
                <TableHeader>Priority</TableHeader>
                <TableHeader>SLA</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {open.cases.map((c) => {
                const sla = c.slaDueAt
                  ? slaStatus({ slaDueAt: c.slaDueAt, firstAttemptAt: c.firstAttemptAt ?? null }, now)
                  : null;
                return (
                  <TableRow key={c.id}>
                    <TableCell>{c.callerName ?? c.callerE164 ?? 'Unknown caller'}</TableCell>
                    <TableCell>{c.missedAt ? dateTime(c.missedAt, timeZone) : '—'}</TableCell>
                    <TableCell>{c.category ? CATEGORY_LABEL[c.category] : '—'}</TableCell>
                    <TableCell>{c.priorityScore ?? '—'}</TableCell>
                    <TableCell>
                      {sla ? <Tag variant={sla.state === 'breached' ? 'error' : 'warning'}>{sla.label}</Tag> : '—'}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {open.count > open.cases.length && (
            <Text variant="microcopy">{`Showing the ${open.cases.length} with the highest priority.`}</Text>
          )}
        </>
      )}
    </Flex>
  );
}
