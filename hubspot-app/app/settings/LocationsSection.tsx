/**
 * Locations: each one's tracking numbers (which number rings which location), HubSpot company (the
 * record its location card sits on), business hours and the owners Ringback routes follow-up tasks
 * to. One location is edited at a time; a new one starts from the account's time zone.
 */
import { useState } from 'react';
import {
  Button,
  EmptyState,
  Flex,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { RingbackApi } from './lib/api.ts';
import type { SettingsResponse } from './lib/types.ts';
import type { Saver } from './settings-save.ts';
import { LocationEditor } from './LocationEditor.tsx';
import { WEEKDAYS } from './settings-form.ts';

type Location = SettingsResponse['locations'][number];

/** "Mon 08:00-17:00 · Sat 09:00-12:00", or "Always open" when no hours are set. */
export function hoursSummary(hours: Location['businessHours']): string {
  if (!hours || Object.keys(hours).length === 0) return 'Always open';
  return WEEKDAYS.filter(([d]) => hours[d])
    .map(([d, label]) => `${label.slice(0, 3)} ${hours[d]}`)
    .join(' · ');
}

export function LocationsSection({ view, api, saver }: { view: SettingsResponse; api: RingbackApi; saver: Saver }) {
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  if (editing) {
    const current = editing.id ? (view.locations.find((l) => l.id === editing.id) ?? null) : null;
    return (
      <LocationEditor
        location={current}
        defaultTimezone={view.account.timezone}
        api={api}
        saver={saver}
        onDone={() => setEditing(null)}
      />
    );
  }
  const add = (
    <Button variant="primary" size="sm" onClick={() => setEditing({ id: null })} testId="add-location">
      Add location
    </Button>
  );
  if (view.locations.length === 0) {
    return (
      <EmptyState title="No locations yet" imageName="companies" layout="vertical">
        <Text>Add each location with the tracking numbers that ring it, so Ringback can route its missed calls.</Text>
        {add}
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="sm">
      <Table bordered density="condensed" testId="locations">
        <TableHead>
          <TableRow>
            <TableHeader>Location</TableHeader>
            <TableHeader>Tracking numbers</TableHeader>
            <TableHeader>HubSpot company</TableHeader>
            <TableHeader>Business hours</TableHeader>
            <TableHeader>Owners</TableHeader>
            <TableHeader>{''}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {view.locations.map((l) => (
            <TableRow key={l.id}>
              <TableCell>{`${l.name} (${l.id}, ${l.timezone})`}</TableCell>
              <TableCell>{l.trackingNumbers.join(', ') || 'None'}</TableCell>
              <TableCell>{l.crmRecordId ?? 'Not linked'}</TableCell>
              <TableCell>{hoursSummary(l.businessHours)}</TableCell>
              <TableCell>{l.owners.length ? l.owners.join(', ') : 'None'}</TableCell>
              <TableCell>
                <Button size="xs" onClick={() => setEditing({ id: l.id })} testId={`edit-${l.id}`}>
                  Edit
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {add}
    </Flex>
  );
}
