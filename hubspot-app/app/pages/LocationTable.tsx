/**
 * Every location in one table, sortable by recovery rate, SLA met and percentile (worst recovery
 * first by default, so laggards lead), paged when an operator has many locations. Laggards carry a
 * red tag saying why; locations with too few calls to rank say so instead of a verdict.
 */
import { useState } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import type { DashboardRow } from './lib/types.ts';
import { percent, rank, seconds, sortRows } from './lib/format.ts';

export const PAGE_SIZE = 25;

type SortColumn = 'recoveryRate' | 'slaMetRate' | 'percentile';
type Direction = 'ascending' | 'descending';

const LAGGARD_REASON: Record<NonNullable<DashboardRow['laggardReason']>, string> = {
  bottom_quartile: 'Laggard: bottom quartile',
  below_median: 'Laggard: far below median',
};

export function LocationTable({ rows, minCases }: { rows: DashboardRow[]; minCases: number }) {
  const [sort, setSort] = useState<{ column: SortColumn; direction: Direction }>({
    column: 'recoveryRate',
    direction: 'ascending',
  });
  const [page, setPage] = useState(1);
  const sorted = sortRows(rows, (r) => r[sort.column], sort.direction);
  const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const shown = sorted.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  const header = (column: SortColumn, label: string) => (
    <TableHeader
      sortDirection={sort.column === column ? sort.direction : 'none'}
      onSortChange={(direction) => {
        // "none" (a third click) goes back to the default order for that column.
        setSort({ column, direction: direction === 'none' ? 'ascending' : direction });
        setPage(1);
      }}
    >
      {label}
    </TableHeader>
  );

  const paging =
    pageCount > 1
      ? ({ paginated: true, pageCount, page: current, onPageChange: setPage } as const)
      : ({ paginated: false } as const);
  return (
    <Table bordered testId="locations" {...paging}>
      <TableHead>
        <TableRow>
          <TableHeader>Location</TableHeader>
          <TableHeader>Vertical</TableHeader>
          <TableHeader>Missed</TableHeader>
          {header('recoveryRate', 'Recovery rate')}
          {header('slaMetRate', 'SLA met')}
          {header('percentile', 'Percentile')}
          <TableHeader>Callback p50</TableHeader>
          <TableHeader>Status</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {shown.map((r) => (
          <TableRow key={r.id}>
            <TableCell>{r.laggard ? <Text format={{ fontWeight: 'bold' }}>{r.name}</Text> : r.name}</TableCell>
            <TableCell>{r.vertical ?? '—'}</TableCell>
            <TableCell>{r.missed}</TableCell>
            <TableCell>{percent(r.recoveryRate)}</TableCell>
            <TableCell>{percent(r.slaMetRate)}</TableCell>
            <TableCell>{rank(r.percentile)}</TableCell>
            <TableCell>{seconds(r.callbackSeconds.p50)}</TableCell>
            <TableCell>
              {r.laggard && r.laggardReason ? (
                <Tag variant="error">{LAGGARD_REASON[r.laggardReason]}</Tag>
              ) : r.missed < minCases ? (
                <Tag>{`Under ${minCases} calls, not ranked`}</Tag>
              ) : (
                <Tag variant="success">On track</Tag>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
