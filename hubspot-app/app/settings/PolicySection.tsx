/**
 * The account's SLA policy: how fast each kind of missed call must be called back, when to
 * escalate, when a call counts as reached or lost, and how long bookings and revenue are credited.
 * Blank fields use Ringback's defaults (shown as placeholders); keys the page does not show are kept.
 */
import { useState } from 'react';
import { Button, Flex, Input, Text } from '@hubspot/ui-extensions';
import type { RingbackApi } from './lib/api.ts';
import type { SettingsResponse } from './lib/types.ts';
import type { Saver } from './settings-save.ts';
import {
  POLICY_FIELDS,
  applyPolicy,
  policyDraft,
  policyErrors,
  type Errors,
  type PolicyDraft,
} from './settings-form.ts';

export function PolicySection({ view, api, saver }: { view: SettingsResponse; api: RingbackApi; saver: Saver }) {
  const [draft, setDraft] = useState<PolicyDraft>(() => policyDraft(view.policy));
  const [errors, setErrors] = useState<Errors>({});

  const submit = async () => {
    const found = policyErrors(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    await saver.save('policy', () => api.savePolicy(applyPolicy(view.policy, draft)), 'SLA policy saved.');
  };

  return (
    <Flex direction="column" gap="sm">
      <Text>Applies to every location unless the location sets its own. Leave a field blank for the default.</Text>
      {POLICY_FIELDS.map((f) => {
        const name = f.path.join('.');
        return (
          <Input
            key={name}
            name={name}
            label={f.label}
            placeholder={`Default: ${f.fallback}`}
            value={draft[name] ?? ''}
            error={Boolean(errors[name])}
            validationMessage={errors[name] ?? ''}
            onChange={(v) => setDraft((d) => ({ ...d, [name]: v }))}
          />
        );
      })}
      <Button variant="primary" disabled={saver.pending !== null} onClick={() => void submit()} testId="save-policy">
        Save SLA policy
      </Button>
    </Flex>
  );
}
