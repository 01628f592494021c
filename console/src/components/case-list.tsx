/** Missed calls as a table: who, where, when, what kind, and how far the case got. */
import { Link } from 'react-router-dom';
import type { MissedCall } from '../api/types.ts';
import { ago, money, phone, words } from '../lib/format.ts';

const STATUS_TONE: Record<string, string> = {
  open: 'tag-warn',
  lost: 'tag-bad',
  spam: 'tag-muted',
  won: 'tag-good',
  booked: 'tag-good',
  contacted: 'tag-info',
  attempted: 'tag-info',
};

export function StatusTag({ status }: { status: string }) {
  return <span className={`tag ${STATUS_TONE[status] ?? ''}`}>{words(status)}</span>;
}

export function CaseList({
  accountId,
  cases,
  caption,
  locationName,
  currency,
}: {
  accountId: string;
  cases: MissedCall[];
  caption: string;
  locationName(id: string | null): string;
  currency: string;
}) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="case-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Caller</th>
            <th scope="col">Location</th>
            <th scope="col">Missed</th>
            <th scope="col">Kind</th>
            <th scope="col">Intent</th>
            <th scope="col">Urgency</th>
            <th scope="col">Status</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} data-case-id={c.id}>
              <th scope="row">
                <Link to={`/accounts/${accountId}/cases/${encodeURIComponent(c.id)}`}>
                  {c.callerName || phone(c.callerE164)}
                </Link>
                {c.callerName ? <span className="sub">{phone(c.callerE164)}</span> : null}
              </th>
              <td>{locationName(c.locationId)}</td>
              <td>
                <time dateTime={c.missedAt}>{ago(c.missedAt)}</time>
                {c.afterHours ? <span className="sub">after hours</span> : null}
              </td>
              <td>{words(c.category)}</td>
              <td>{words(c.intent)}</td>
              <td>{c.urgency === 'high' ? <span className="tag tag-bad">high</span> : words(c.urgency)}</td>
              <td>
                <StatusTag status={c.status} />
                {c.repeatOf ? <span className="sub">repeat dial</span> : null}
              </td>
              <td className="num">{c.revenue ? money(c.revenue, currency) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The dashboard's short feed of the latest misses: one line each, newest first. */
export function RecentCalls({
  accountId,
  cases,
  locationName,
}: {
  accountId: string;
  cases: MissedCall[];
  locationName(id: string | null): string;
}) {
  return (
    <ol className="recent-calls" aria-label="Latest missed calls, newest first">
      {cases.map((c) => (
        <li key={c.id} data-case-id={c.id}>
          <span className="recent-main">
            <Link to={`/accounts/${accountId}/cases/${encodeURIComponent(c.id)}`}>
              {c.callerName || phone(c.callerE164)}
            </Link>
            <StatusTag status={c.status} />
            {c.urgency === 'high' ? <span className="tag tag-bad">urgent</span> : null}
          </span>
          <span className="sub">
            {locationName(c.locationId)} · {words(c.category)} · {words(c.intent)} ·{' '}
            <time dateTime={c.missedAt}>{ago(c.missedAt)}</time>
            {c.afterHours ? ' · after hours' : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
