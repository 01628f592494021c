/**
 * The app's pages (type `pages`, router-based, platform 2026.03): the home page is the operator
 * dashboard. Further pages can be added as routes; HubSpot shows its own "page not found" for any
 * other path.
 */
import { useMemo } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import type { AddAlertAction } from '@hubspot/ui-extensions';
import { createPageRouter, PageRoutes } from '@hubspot/ui-extensions/pages';
import { RingbackApi, type Fetcher } from './lib/api.ts';
import { backendOrigin } from './lib/origin.ts';
import type { Clock } from './lib/clock.ts';
import { RingbackPageContext } from './ringback-context.ts';
import { Dashboard } from './Dashboard.tsx';

const PageRouter = createPageRouter(
  <PageRoutes>
    <PageRoutes.IndexRoute component={Dashboard} id="dashboard" />
  </PageRoutes>,
);

export interface RingbackPagesProps {
  context: { variables?: Record<string, unknown> };
  actions: { addAlert: AddAlertAction };
  fetcher: Fetcher;
  clock?: Clock;
}

export function RingbackPages({ context, actions, fetcher, clock = Date.now }: RingbackPagesProps) {
  const services = useMemo(
    () => ({ api: new RingbackApi(fetcher, backendOrigin(context)), clock, addAlert: actions.addAlert }),
    [fetcher, context, clock, actions],
  );
  return (
    <RingbackPageContext.Provider value={services}>
      <PageRouter />
    </RingbackPageContext.Provider>
  );
}

hubspot.extend<'pages'>(({ context, actions }) => (
  <RingbackPages context={context} actions={actions} fetcher={hubspot.fetch} />
));
