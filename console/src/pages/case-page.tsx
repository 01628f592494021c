/** One missed call: what Ringback decided and why, its CRM records, and every event in its audit log. */
import { Link, useParams } from 'react-router-dom';
import { accountPath } from '../api/client.ts';
import type { AccountSetup, MissedCall, TimelineItem } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useLocations } from '../api/use-locations.ts';
import { useSession } from '../auth/session.tsx';
import { StatusTag } from '../components/case-list.tsx';
import { ErrorNote, Loading } from '../components/status.tsx';
import { dateTime, money, phone, seconds, words } from '../lib/format.ts';
import { crmLinks, describeDetail } from '../lib/crm-links.ts';

export function CasePage() {
  const { accountId = '', caseId = '' } = useParams();
  const { session } = useSession();
  const base = `${accountPath(accountId)}/missed-calls/${encodeURIComponent(caseId)}`;
  const c = useApi<MissedCall>(base, 10_000);
  const timeline = useApi<{ items: TimelineItem[] }>(`${base}/timeline`, 10_000);
  const setup = useApi<AccountSetup>(`${accountPath(accountId)}/setup`);
  const locations = useLocations(accountId);
  const currency = session?.accounts.find((a) => a.id === accountId)?.currency ?? 'USD';

  if (c.error && !c.data) return <ErrorNote error={c.error} onRetry={c.reload} />;
  if (!c.data) return <Loading what="the missed call" />;
  const m = c.data;
  const tz = m.locationId ? locations.byId.get(m.locationId)?.timezone : undefined;
  const links = crmLinks(m, setup.data?.crm);
  const callback = m.firstAttemptAt ? (Date.parse(m.firstAttemptAt) - Date.parse(m.missedAt)) / 1000 : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/accounts/${accountId}`}>Dashboard</Link> <span aria-hidden="true">›</span>{' '}
        {m.locationId ? (
          <>
            <Link to={`/accounts/${accountId}/locations/${encodeURIComponent(m.locationId)}`}>
              {locations.nameOf(m.locationId)}
            </Link>{' '}
            <span aria-hidden="true">›</span>{' '}
          </>
        ) : null}
        <span aria-current="page">Missed call</span>
      </nav>
      <div className="page-head">
        <h1>
          {m.callerName || phone(m.callerE164)} <StatusTag status={m.status} />
        </h1>
        <p className="muted">
          {phone(m.callerE164)} called {locations.nameOf(m.locationId)} on {dateTime(m.missedAt, tz)}
          {m.afterHours ? ' (after hours)' : ''} · {m.provider} {m.providerCallId}
        </p>
      </div>
      <div className="grid-2">
        <section className="panel" aria-labelledby="facts-heading">
          <h2 id="facts-heading">What Ringback decided</h2>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{words(m.category)}</dd>
            <dt>Intent</dt>
            <dd>{words(m.intent)}</dd>
            <dt>Urgency</dt>
            <dd>{words(m.urgency)}</dd>
            <dt>Source</dt>
            <dd>{m.source ?? '—'}</dd>
            <dt>Callback due</dt>
            <dd>
              {dateTime(m.slaDueAt, tz)} {m.slaRule ? <span className="muted">({words(m.slaRule)})</span> : null}
            </dd>
            <dt>First callback</dt>
            <dd>
              {m.firstAttemptAt ? `${dateTime(m.firstAttemptAt, tz)}, after ${seconds(callback)}` : 'not yet'}
              {m.firstAttemptAt
                ? Date.parse(m.firstAttemptAt) <= Date.parse(m.slaDueAt)
                  ? ' · within SLA'
                  : ' · late'
                : ''}
            </dd>
            <dt>Reached</dt>
            <dd>{m.contactedAt ? dateTime(m.contactedAt, tz) : 'not yet'}</dd>
            <dt>Booked</dt>
            <dd>{m.bookedAt ? dateTime(m.bookedAt, tz) : '—'}</dd>
            <dt>Revenue</dt>
            <dd>{m.revenue ? money(m.revenue, currency) : '—'}</dd>
            <dt>Priority</dt>
            <dd>
              {m.priorityScore === null || m.priorityScore === undefined ? '—' : Math.round(m.priorityScore)}
              {m.priorityFactors?.length ? <span className="sub">{m.priorityFactors.join('; ')}</span> : null}
            </dd>
            <dt>Owner</dt>
            <dd>
              {m.owner?.id ?? m.crm.ownerId ?? '—'}
              {m.owner?.reason ? <span className="sub">{m.owner.reason}</span> : null}
            </dd>
            {m.escalationTier && m.escalationTier > 1 ? (
              <>
                <dt>Escalation</dt>
                <dd>tier {m.escalationTier}</dd>
              </>
            ) : null}
          </dl>
          {m.reasons?.length ? (
            <details>
              <summary>Why</summary>
              <ul>
                {m.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {m.transcript ? <blockquote className="transcript">{m.transcript}</blockquote> : null}
        </section>
        <section className="panel" aria-labelledby="crm-heading">
          <h2 id="crm-heading">CRM</h2>
          {m.crm.kind ? (
            <>
              <dl className="facts">
                <dt>CRM</dt>
                <dd>{m.crm.kind}</dd>
                <dt>Person</dt>
                <dd>
                  {m.crm.contactId
                    ? `${m.crm.contactId}${m.crm.contactCreated ? ' (created by Ringback)' : ''}`
                    : 'not written yet'}
                </dd>
                <dt>Call activity</dt>
                <dd>{m.crm.callId ?? '—'}</dd>
                <dt>Follow-up task</dt>
                <dd>{m.crm.taskId ?? '—'}</dd>
              </dl>
              {m.crm.error ? (
                <p className="error-note" role="status">
                  Last CRM error: {m.crm.error.message} ({m.crm.error.code})
                </p>
              ) : null}
              {links.length ? (
                <ul className="link-list">
                  {links.map((l) => (
                    <li key={l.href + l.label}>
                      <a href={l.href} target="_blank" rel="noreferrer noopener">
                        {l.label}
                        <span className="visually-hidden"> (opens in a new tab)</span>
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p>This account has no CRM connected.</p>
          )}
          {m.recordingUrl ? (
            <p>
              <a href={m.recordingUrl} target="_blank" rel="noreferrer noopener">
                Recording<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </p>
          ) : null}
        </section>
      </div>
      <section className="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {timeline.error ? <ErrorNote error={timeline.error} onRetry={timeline.reload} /> : null}
        {timeline.data ? (
          <ol className="timeline">
            {timeline.data.items.map((t, i) => (
              <li key={i}>
                <time dateTime={t.at}>{dateTime(t.at, tz)}</time>
                <span className="timeline-action">{words(t.action)}</span>
                <span className="muted"> by {t.actor}</span>
                {describeDetail(t.detail) ? <span className="sub">{describeDetail(t.detail)}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <Loading what="the timeline" />
        )}
      </section>
    </>
  );
}
