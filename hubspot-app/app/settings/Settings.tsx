/**
 * The app's settings page (component type `settings`): call-tracking sources, locations (tracking
 * numbers, HubSpot company, business hours, owners) and the SLA policy of the Ringback account
 * connected to this HubSpot account. Reads `GET /hubspot/settings`; every save answers with the
 * fresh view, which replaces the one shown.
 */
import { useMemo, useState } from 'react';
import { Alert, Flex, Tab, Tabs, Text, hubspot } from '@hubspot/ui-extensions';
import type { AddAlertAction } from '@hubspot/ui-extensions';
import { RingbackApi, type Fetcher } from './lib/api.ts';
import { backendOrigin } from './lib/origin.ts';
import { useResource } from './lib/use-resource.ts';
import { Loading, LoadError } from './lib/LoadStates.tsx';
import type { SettingsResponse } from './lib/types.ts';
import { useSaver } from './settings-save.ts';
import { CallTrackingSection } from './CallTrackingSection.tsx';
import { LocationsSection } from './LocationsSection.tsx';
import { PolicySection } from './PolicySection.tsx';

export interface SettingsPageProps {
  context: { variables?: Record<string, unknown> };
  actions: { addAlert: AddAlertAction; copyTextToClipboard: (text: string) => Promise<void> };
  fetcher: Fetcher;
}

export function SettingsPage({ context, actions, fetcher }: SettingsPageProps) {
  const api = useMemo(() => new RingbackApi(fetcher, backendOrigin(context)), [fetcher, context]);
  const settings = useResource(() => api.settings(), 'settings');
  const [saved, setSaved] = useState<SettingsResponse | null>(null);
  const saver = useSaver(actions.addAlert, setSaved);
  const copy = (text: string) => {
    actions.copyTextToClipboard(text).then(
      () => actions.addAlert({ type: 'info', message: 'Webhook URL copied.' }),
      () => actions.addAlert({ type: 'warning', message: `Copy failed; the URL is ${text}` }),
    );
  };

  if (settings.status === 'error') return <LoadError error={settings.error} onRetry={settings.reload} />;
  const view = saved ?? settings.data;
  if (!view) return <Loading label="Loading settings…" />;
  return (
    <Flex direction="column" gap="md">
      <Text>{`Ringback account: ${view.account.name} (${view.account.id}) · ${view.account.timezone} · ${view.account.currency}`}</Text>
      {view.fileManaged && (
        <Alert title="Managed by a config file" variant="warning">
          This account is defined in Ringback's config file: changes made here are replaced by the file's values the
          next time Ringback starts.
        </Alert>
      )}
      <Tabs defaultSelected="call-tracking">
        <Tab tabId="call-tracking" title="Call tracking">
          <CallTrackingSection view={view} api={api} saver={saver} copy={copy} />
        </Tab>
        <Tab tabId="locations" title="Locations">
          <LocationsSection view={view} api={api} saver={saver} />
        </Tab>
        <Tab tabId="policy" title="SLA policy">
          <PolicySection view={view} api={api} saver={saver} />
        </Tab>
      </Tabs>
    </Flex>
  );
}

hubspot.extend<'settings'>(({ context, actions }) => (
  <SettingsPage context={context} actions={actions} fetcher={hubspot.fetch} />
));
