/** The form for one location (new or existing), saved with `PUT /hubspot/settings/locations/:id`. */
import { useState } from 'react';
import { Button, ButtonRow, Flex, Heading, Input, Text, TextArea } from '@hubspot/ui-extensions';
import type { RingbackApi } from './lib/api.ts';
import type { SettingsResponse } from './lib/types.ts';
import type { Saver } from './settings-save.ts';
import {
  WEEKDAYS,
  locationDraft,
  locationErrors,
  locationPatch,
  type Errors,
  type LocationDraft,
} from './settings-form.ts';

type Location = SettingsResponse['locations'][number];
type TextField = Exclude<keyof LocationDraft, 'hours'>;

export interface LocationEditorProps {
  location: Location | null;
  defaultTimezone: string;
  api: RingbackApi;
  saver: Saver;
  onDone: () => void;
}

export function LocationEditor({ location, defaultTimezone, api, saver, onDone }: LocationEditorProps) {
  const isNew = location === null;
  const [draft, setDraft] = useState<LocationDraft>(() => locationDraft(location, defaultTimezone));
  const [errors, setErrors] = useState<Errors>({});
  const hadHours = Boolean(location?.businessHours && Object.keys(location.businessHours).length);

  const field = (
    name: TextField,
    label: string,
    props: { description?: string; placeholder?: string; required?: boolean } = {},
  ) => (
    <Input
      name={name}
      label={label}
      value={draft[name]}
      error={Boolean(errors[name])}
      validationMessage={errors[name] ?? ''}
      onChange={(v) => setDraft((d) => ({ ...d, [name]: v }))}
      {...props}
    />
  );

  const submit = async () => {
    const found = locationErrors(draft, isNew, hadHours);
    setErrors(found);
    if (Object.keys(found).length) return;
    const id = isNew ? draft.id.trim() : location.id;
    const ok = await saver.save(
      `location:${id}`,
      () => api.saveLocation(id, locationPatch(draft)),
      `${draft.name.trim()} saved.`,
    );
    if (ok) onDone();
  };

  return (
    <Flex direction="column" gap="sm">
      <Heading>{isNew ? 'New location' : `Edit ${location.name}`}</Heading>
      {isNew &&
        field('id', 'Location id', {
          required: true,
          placeholder: 'phoenix-east',
          description: 'Used in webhook mappings and reports; cannot change later.',
        })}
      {field('name', 'Name', { required: true })}
      {field('timezone', 'Time zone', { required: true, description: 'IANA name, e.g. America/Phoenix' })}
      {field('vertical', 'Vertical', { placeholder: 'hvac, plumbing, dental…' })}
      <TextArea
        name="trackingNumbers"
        label="Tracking numbers"
        description="One per line; calls to these numbers belong to this location."
        value={draft.trackingNumbers}
        error={Boolean(errors.trackingNumbers)}
        validationMessage={errors.trackingNumbers ?? ''}
        onChange={(v) => setDraft((d) => ({ ...d, trackingNumbers: v }))}
      />
      {field('crmRecordId', 'HubSpot company id', {
        description: 'The company record that stands for this location; its location card shows these figures.',
      })}
      {field('owners', 'Owners (HubSpot owner ids)', {
        description: 'Follow-up tasks go round robin to these owners, comma-separated.',
      })}
      {field('unavailableOwners', 'Owners on leave', { description: 'Skipped by round robin until removed.' })}
      {field('managerOwnerId', 'Location manager (HubSpot owner id)', {
        description: 'Receives tasks whose SLA was missed.',
      })}
      <Text format={{ fontWeight: 'demibold' }}>Business hours</Text>
      <Text variant="microcopy">
        HH:MM-HH:MM in the location's time zone, comma-separated for breaks; leave a day blank when closed.
      </Text>
      {WEEKDAYS.map(([day, label]) => (
        <Input
          key={day}
          name={`hours.${day}`}
          label={label}
          placeholder="08:00-17:00"
          value={draft.hours[day]}
          error={Boolean(errors[`hours.${day}`])}
          validationMessage={errors[`hours.${day}`] ?? ''}
          onChange={(v) => setDraft((d) => ({ ...d, hours: { ...d.hours, [day]: v } }))}
        />
      ))}
      {field('holidays', 'Holidays (closed all day)', { placeholder: '2026-12-25, 2027-01-01' })}
      <ButtonRow>
        <Button
          variant="primary"
          disabled={saver.pending !== null}
          onClick={() => void submit()}
          testId="save-location"
        >
          Save location
        </Button>
        <Button variant="secondary" onClick={onDone} testId="cancel-location">
          Cancel
        </Button>
      </ButtonRow>
    </Flex>
  );
}
