/**
 * The body of the location card for a mapped company: the funnel rates as statistics with their
 * change against the previous period of equal length, callback speed, where the location ranks
 * among the operator's locations and among locations of its vertical, and three charts (daily
 * recovery rate, the funnel, callback delays).
 */
import {
  BarChart,
  Flex,
  Heading,
  LineChart,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
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
import { RATES } from '../lib/labels.ts';
import { money, percent, rank, seconds, trend } from '../lib/format.ts';
import { callbackDelaySeries, dailyRecoverySeries, funnelSeries } from './chart-data.ts';

/** A percentile rank at or below this is the bottom quartile, the dashboard's laggard line too. */
const BOTTOM_QUARTILE = 25;

export function LocationReport({ recovery }: { recovery: LocationRecovery }) {
  const { summary, previous } = recovery;
  const missedTrend = previous ? summary.missed - previous.missed : null;
  const daily = dailyRecoverySeries(recovery.daily);
  return (
    <Flex direction="column" gap="md">
      <Statistics testId="rates">
        <StatisticsItem label="Missed calls" number={summary.missed}>
          {missedTrend !== null && missedTrend !== 0 && (
            // More missed calls is bad news, so an increase is red.
            <StatisticsTrend
              direction={missedTrend > 0 ? 'increase' : 'decrease'}
              color={missedTrend > 0 ? 'red' : 'green'}
              value={`${Math.abs(missedTrend)} vs previous period`}
            />
          )}
        </StatisticsItem>
        {RATES.map(({ name, label, of }) => {
          const t = trend(summary[name], previous?.[name] ?? null);
          return (
            <StatisticsItem key={name} id={name} label={`${label} (${of})`} number={percent(summary[name])}>
              {t.direction ? (
                <StatisticsTrend
                  direction={t.direction}
                  color={t.direction === 'increase' ? 'green' : 'red'}
                  value={t.label}
                />
              ) : (
                <Text variant="microcopy">{t.label}</Text>
              )}
            </StatisticsItem>
          );
        })}
      </Statistics>
      <Statistics testId="speed">
        <StatisticsItem label="Callback time, median" number={seconds(summary.callbackSeconds.p50)} />
        <StatisticsItem label="Callback time, 90th percentile" number={seconds(summary.callbackSeconds.p90)} />
        <StatisticsItem label="Revenue recovered" number={money(summary.revenue, recovery.currency)} />
      </Statistics>

      <Heading>How this location ranks</Heading>
      <Table density="condensed" testId="benchmarks">
        <TableHead>
          <TableRow>
            <TableHeader>Rate</TableHeader>
            <TableHeader>This location</TableHeader>
            <TableHeader>Among your locations</TableHeader>
            <TableHeader>
              {recovery.vertical ? `Among ${recovery.vertical} locations` : 'Among its vertical'}
            </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {RATES.map(({ name, label }) => (
            <TableRow key={name}>
              <TableCell>{label}</TableCell>
              <TableCell>{percent(summary[name])}</TableCell>
              <TableCell>
                <Rank value={summary.benchmark[name]} />
              </TableCell>
              <TableCell>
                <Rank value={summary.verticalBenchmark[name]} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text variant="microcopy">
        p50 is the middle; p90 means better than 9 in 10 peers. Ranks compare the same period.
      </Text>

      {daily.length > 0 ? (
        <LineChart
          testId="daily-recovery"
          data={daily}
          axes={{
            x: { field: 'date', fieldType: 'category', label: 'Day' },
            y: { field: 'recoveryRate', fieldType: 'linear', label: 'Recovery rate (%)' },
          }}
          options={{ title: 'Daily recovery rate', showLegend: false, showTooltips: true }}
        />
      ) : (
        <Text>No day in this period had a missed call to recover.</Text>
      )}
      <BarChart
        testId="funnel"
        data={funnelSeries(summary)}
        axes={{
          x: { field: 'stage', fieldType: 'category', label: 'Stage' },
          y: { field: 'calls', fieldType: 'linear', label: 'Missed calls' },
        }}
        options={{ title: 'Recovery funnel', showLegend: false, showDataLabels: true }}
      />
      <BarChart
        testId="callback-delays"
        data={callbackDelaySeries(recovery.callbackHistogram)}
        axes={{
          x: { field: 'delay', fieldType: 'category', label: 'Time to first callback' },
          y: { field: 'calls', fieldType: 'linear', label: 'Calls' },
        }}
        options={{ title: 'Time to first callback', showLegend: false, showDataLabels: true }}
      />
    </Flex>
  );
}

function Rank({ value }: { value: number | null }) {
  if (value !== null && value <= BOTTOM_QUARTILE)
    return <Tag variant="error">{`${rank(value)} · bottom quartile`}</Tag>;
  return <Text>{rank(value)}</Text>;
}
