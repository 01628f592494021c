/**
 * Call-tracking sources: each provider's webhook URL for this account (to paste into CallRail,
 * Twilio, Invoca or a generic sender) and its signing key or token. Secrets are write-only: the page
 * shows whether one is set, never its value, and saving replaces the stored credential.
 */
import { useState } from 'react';
import { Button, Flex, Heading, Input, Tag, Text, Tile } from '@hubspot/ui-extensions';
import type { RingbackApi } from './lib/api.ts';
import type { SettingsResponse } from './lib/types.ts';
import { PROVIDER_LABEL, fieldLabel } from './lib/labels.ts';
import type { Saver } from './settings-save.ts';

type Provider = SettingsResponse['callTracking'][number];

export function CallTrackingSection({
  view,
  api,
  saver,
  copy,
}: {
  view: SettingsResponse;
  api: RingbackApi;
  saver: Saver;
  copy: (text: string) => void;
}) {
  return (
    <Flex direction="column" gap="sm">
      <Text>
        Point your call-tracking provider's webhook at the URL below, then save the key it signs requests with.
      </Text>
      {view.callTracking.map((p) => (
        <ProviderTile key={p.provider} provider={p} api={api} saver={saver} copy={copy} />
      ))}
    </Flex>
  );
}

function ProviderTile({
  provider: p,
  api,
  saver,
  copy,
}: {
  provider: Provider;
  api: RingbackApi;
  saver: Saver;
  copy: (text: string) => void;
}) {
  const name = PROVIDER_LABEL[p.provider] ?? p.provider;
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const label = `call-tracking:${p.provider}`;

  const submit = async () => {
    const missing = Object.fromEntries(
      p.fields.filter((f) => f.required && !values[f.name]?.trim()).map((f) => [f.name, 'Required']),
    );
    setErrors(missing);
    if (Object.keys(missing).length) return;
    const body = Object.fromEntries(
      Object.entries(values)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    );
    if (await saver.save(label, () => api.setCallTracking(p.provider, body), `${name} credentials saved.`))
      setValues({});
  };

  return (
    <Tile compact testId={`provider-${p.provider}`}>
      <Flex direction="column" gap="xs">
        <Flex justify="between" align="center">
          <Heading>{name}</Heading>
          <Tag variant={p.configured ? 'success' : 'warning'}>{p.configured ? 'Key set' : 'Not set up'}</Tag>
        </Flex>
        <Flex gap="xs" align="center" wrap>
          <Text format={{ fontWeight: 'demibold' }}>Webhook URL</Text>
          <Text testId={`webhook-${p.provider}`}>{p.webhookUrl}</Text>
          <Button size="xs" variant="transparent" onClick={() => copy(p.webhookUrl)} testId={`copy-${p.provider}`}>
            Copy
          </Button>
        </Flex>
        {p.fields.map((f) => (
          <Input
            key={f.name}
            name={`${p.provider}.${f.name}`}
            label={fieldLabel(f.name)}
            type={f.secret ? 'password' : 'text'}
            required={f.required}
            value={values[f.name] ?? ''}
            placeholder={f.secret && p.configured ? 'Set; type a new value to replace it' : ''}
            error={Boolean(errors[f.name])}
            validationMessage={errors[f.name] ?? ''}
            onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
          />
        ))}
        <Button
          variant="primary"
          size="sm"
          disabled={saver.pending !== null}
          onClick={() => void submit()}
          testId={`save-${p.provider}`}
        >
          {`Save ${name} key`}
        </Button>
      </Flex>
    </Tile>
  );
}
