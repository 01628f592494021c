/**
 * One account's setup: CRM connection (OAuth install buttons), call-tracking sources, the account's
 * recovery policy, and its locations. Account tokens see it read-only.
 */
import { Link, useParams } from 'react-router-dom';
import { accountPath } from '../../api/client.ts';
import type { AccountSetup, LocationSetup } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorNote, Loading } from '../../components/status.tsx';
import { PolicyFields } from './policy-form.tsx';
import { SourcesPanel } from './sources-panel.tsx';
import { SaveStatus, useSave } from './use-save.tsx';

function CrmPanel({ setup, admin }: { setup: AccountSetup; admin: boolean }) {
  const crm = setup.crm;
  const sandbox = typeof crm.baseUrl === 'string' && crm.baseUrl.includes('/sandbox/hubspot');
  return (
    <section className="panel" aria-labelledby="crm-heading">
      <h2 id="crm-heading">CRM connection</h2>
      <p>
        {crm.kind === 'hubspot'
          ? `Connected to HubSpot${crm.portalId ? ` portal ${String(crm.portalId)}` : ''}${sandbox ? ' (the built-in sandbox CRM)' : ''}.`
          : crm.kind === 'salesforce'
            ? `Connected to Salesforce at ${crm.instanceUrl ?? 'an org'}.`
            : 'No CRM connected yet: missed calls are tracked here and in the console until you connect one.'}
      </p>
      {admin ? (
        <p className="actions">
          <a className="button" href={crm.install.hubspot}>
            {crm.kind === 'hubspot' ? 'Reconnect HubSpot' : 'Connect HubSpot'}
          </a>
          <a className="button" href={crm.install.salesforce}>
            {crm.kind === 'salesforce' ? 'Reconnect Salesforce' : 'Connect Salesforce'}
          </a>
        </p>
      ) : (
        <p className="muted">An admin connects the CRM (HubSpot or Salesforce install).</p>
      )}
      {sandbox ? (
        <p>
          <a href={`${crm.baseUrl}/_emulator/state`}>Browse the sandbox CRM's records</a>
        </p>
      ) : null}
    </section>
  );
}

export function AccountSetupPage() {
  const { accountId = '' } = useParams();
  const { session } = useSession();
  const admin = session?.role === 'admin';
  const setup = useApi<AccountSetup>(`${accountPath(accountId)}/setup`);
  const locations = useApi<{ items: LocationSetup[] }>(`${accountPath(accountId)}/locations`);
  const policy = useSave<AccountSetup>();

  if (setup.error && !setup.data) return <ErrorNote error={setup.error} onRetry={setup.reload} />;
  if (!setup.data) return <Loading what="the account's setup" />;
  const s = setup.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {admin ? (
          <>
            <Link to="/setup">Setup</Link> <span aria-hidden="true">›</span>{' '}
          </>
        ) : null}
        <span aria-current="page">{s.name}</span>
      </nav>
      <div className="page-head">
        <h1>{s.name} setup</h1>
        <p className="muted">
          {s.id} · {s.timezone} · {s.currency}
          {admin ? '' : ' · read-only with an account token'}
        </p>
      </div>
      <div className="grid-2">
        <CrmPanel setup={s} admin={admin} />
        <section className="panel" aria-labelledby="locations-setup-heading">
          <h2 id="locations-setup-heading">Locations</h2>
          {locations.data ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Locations setup">
              <table>
                <caption className="visually-hidden">Locations and their tracking numbers</caption>
                <thead>
                  <tr>
                    <th scope="col">Location</th>
                    <th scope="col">Tracking numbers</th>
                    <th scope="col">Owners</th>
                  </tr>
                </thead>
                <tbody>
                  {locations.data.items.map((l) => (
                    <tr key={l.id}>
                      <th scope="row">
                        <Link to={`/setup/${accountId}/locations/${encodeURIComponent(l.id)}`}>{l.name}</Link>
                      </th>
                      <td>{l.trackingNumbers.join(', ') || '—'}</td>
                      <td>{l.owners.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Loading what="locations" />
          )}
          {admin ? (
            <p>
              <Link className="button" to={`/setup/${accountId}/locations/new`}>
                Add a location
              </Link>
            </p>
          ) : null}
        </section>
      </div>
      <SourcesPanel accountId={accountId} admin={admin} />
      <section className="panel" aria-labelledby="policy-heading">
        <h2 id="policy-heading">Recovery policy</h2>
        <p className="muted">The account's defaults; each location can override any of them.</p>
        <PolicyFields
          idPrefix="account-policy"
          legend="Account policy"
          policy={s.policy}
          effective={s.effectivePolicy}
          disabled={!admin}
          busy={policy.busy}
          onSave={(value) =>
            void policy.save(`${accountPath(accountId)}/policy`, value, 'Policy saved.').then((fresh) => {
              if (fresh) setup.reload();
            })
          }
        />
        <SaveStatus error={policy.error} saved={policy.saved} />
      </section>
    </>
  );
}
