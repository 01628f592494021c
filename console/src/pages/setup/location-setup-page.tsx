/**
 * A location's settings (admin edits, account tokens read): name, zone, vertical, tracking numbers,
 * business hours and holidays, owners for round-robin, and policy overrides. `locations/new` adds one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { accountPath } from '../../api/client.ts';
import type { AccountSetup, LocationSetup, PolicyConfig } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorNote, Loading } from '../../components/status.tsx';
import {
  hoursFromForm,
  hoursToForm,
  listFromText,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type HoursForm,
  type policyFromForm,
} from '../../lib/setup-forms.ts';
import { PolicyFields } from './policy-form.tsx';
import { SaveStatus, useSave } from './use-save.tsx';

interface Form {
  id: string;
  name: string;
  timezone: string;
  vertical: string;
  trackingNumbers: string;
  holidays: string;
  owners: string;
  unavailableOwners: string;
  managerOwnerId: string;
  crmRecordId: string;
  hours: HoursForm;
}

function toForm(l: LocationSetup | null): Form {
  return {
    id: l?.id ?? '',
    name: l?.name ?? '',
    timezone: l?.timezone ?? 'America/New_York',
    vertical: l?.vertical ?? '',
    trackingNumbers: (l?.trackingNumbers ?? []).join('\n'),
    holidays: (l?.holidays ?? []).join(', '),
    owners: (l?.owners ?? []).join(', '),
    unavailableOwners: (l?.unavailableOwners ?? []).join(', '),
    managerOwnerId: l?.managerOwnerId ?? '',
    crmRecordId: l?.crmRecordId ?? '',
    hours: hoursToForm(
      l
        ? l.businessHours
        : { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' },
    ),
  };
}

export function LocationSetupPage() {
  const { accountId = '', locationId = '' } = useParams();
  const isNew = locationId === 'new';
  const { session } = useSession();
  const admin = session?.role === 'admin';
  const navigate = useNavigate();
  const base = accountPath(accountId);
  const location = useApi<LocationSetup>(isNew ? null : `${base}/locations/${encodeURIComponent(locationId)}`);
  const account = useApi<AccountSetup>(`${base}/setup`);
  const [form, setForm] = useState<Form>(() => toForm(null));
  const [policy, setPolicy] = useState<ReturnType<typeof policyFromForm>>({ ok: true, value: {} });
  const { busy, error, saved, save, fail } = useSave<LocationSetup>();

  const loadedKey = location.data ? JSON.stringify(location.data) : null;
  useEffect(() => {
    if (!loadedKey) return;
    const l = JSON.parse(loadedKey) as LocationSetup;
    setForm(toForm(l));
    setPolicy({ ok: true, value: l.policy ?? {} });
  }, [loadedKey]);

  if (!isNew && location.error && !location.data) return <ErrorNote error={location.error} onRetry={location.reload} />;
  if (!isNew && !location.data) return <Loading what="the location" />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const id = isNew ? form.id.trim() : locationId;
    if (!/^[a-z0-9-]+$/.test(id)) return fail('Location id: lower-case letters, digits and dashes.');
    const hours = hoursFromForm(form.hours);
    if (!hours.ok) return fail(hours.error);
    if (!policy.ok) return fail(policy.error);
    const body: Record<string, unknown> = {
      name: form.name.trim(),
      timezone: form.timezone.trim(),
      trackingNumbers: listFromText(form.trackingNumbers),
      holidays: listFromText(form.holidays),
      owners: listFromText(form.owners),
      unavailableOwners: listFromText(form.unavailableOwners),
      policy: policy.value as PolicyConfig,
      ...(form.vertical.trim() ? { vertical: form.vertical.trim() } : {}),
      ...(hours.value ? { businessHours: hours.value } : {}),
      ...(form.managerOwnerId.trim() ? { managerOwnerId: form.managerOwnerId.trim() } : {}),
      ...(form.crmRecordId.trim() ? { crmRecordId: form.crmRecordId.trim() } : {}),
    };
    const result = await save(`${base}/locations/${encodeURIComponent(id)}`, body, 'Location saved.');
    if (result) {
      if (isNew) navigate(`/setup/${accountId}/locations/${encodeURIComponent(result.id)}`, { replace: true });
      else location.reload();
    }
  };

  const text = (
    key: Exclude<keyof Form, 'hours'>,
    label: string,
    opts: { hint?: string; multiline?: boolean; required?: boolean } = {},
  ) => {
    const id = `loc-${key}`;
    const common = {
      id,
      value: form[key],
      required: opts.required,
      'aria-describedby': opts.hint ? `${id}-hint` : undefined,
      onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
    };
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {opts.multiline ? <textarea rows={3} {...common} /> : <input {...common} />}
        {opts.hint ? (
          <span className="muted" id={`${id}-hint`}>
            {opts.hint}
          </span>
        ) : null}
      </div>
    );
  };
  const effective = location.data?.effectivePolicy ?? account.data?.effectivePolicy ?? null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/setup/${accountId}`}>{account.data?.name ?? accountId} setup</Link>{' '}
        <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{isNew ? 'New location' : (location.data?.name ?? locationId)}</span>
      </nav>
      <div className="page-head">
        <h1>{isNew ? 'Add a location' : `${location.data?.name ?? locationId} settings`}</h1>
        {!isNew ? (
          <p className="muted">
            <Link to={`/accounts/${accountId}/locations/${encodeURIComponent(locationId)}`}>See its recovery</Link>
          </p>
        ) : null}
      </div>
      <form className="panel location-form" onSubmit={(e) => void submit(e)} aria-label="Location settings">
        <fieldset disabled={!admin}>
          <legend>Location</legend>
          <div className="field-grid">
            {isNew
              ? text('id', 'Location id', { hint: 'lower-case letters, digits and dashes', required: true })
              : null}
            {text('name', 'Name', { required: true })}
            {text('timezone', 'Time zone', { hint: 'IANA, e.g. America/Phoenix', required: true })}
            {text('vertical', 'Vertical', { hint: 'e.g. hvac, plumbing, dental, med_spa, legal, insurance' })}
            {text('trackingNumbers', 'Tracking numbers', { hint: 'one per line, any format', multiline: true })}
            {text('holidays', 'Holidays', { hint: 'local dates YYYY-MM-DD, comma-separated', multiline: true })}
            {text('owners', 'Owners (CRM user ids, round-robin)', { hint: 'comma-separated' })}
            {text('unavailableOwners', 'Owners skipped for now', { hint: 'on leave or off shift' })}
            {text('managerOwnerId', 'Manager (escalation tier 2)', { hint: 'CRM user id' })}
            {text('crmRecordId', 'CRM record of this location', { hint: 'HubSpot company id or Salesforce record id' })}
          </div>
        </fieldset>
        <fieldset disabled={!admin}>
          <legend>Business hours ({form.timezone || 'local time'})</legend>
          <div className="field checkbox">
            <input
              id="hours-always"
              type="checkbox"
              checked={form.hours.alwaysOpen}
              onChange={(e) => setForm({ ...form, hours: { ...form.hours, alwaysOpen: e.target.checked } })}
            />
            <label htmlFor="hours-always">Always open (no business hours)</label>
          </div>
          {!form.hours.alwaysOpen ? (
            <div className="field-grid hours-grid">
              {WEEKDAYS.map((d) => (
                <div className="field" key={d}>
                  <label htmlFor={`hours-${d}`}>{WEEKDAY_NAMES[d]}</label>
                  <input
                    id={`hours-${d}`}
                    value={form.hours.days[d]}
                    placeholder="closed"
                    onChange={(e) =>
                      setForm({ ...form, hours: { ...form.hours, days: { ...form.hours.days, [d]: e.target.value } } })
                    }
                  />
                </div>
              ))}
            </div>
          ) : null}
          <p className="muted">
            Write HH:MM-HH:MM, comma-separated for breaks (07:00-12:00,13:00-19:00). Blank = closed.
          </p>
        </fieldset>
        <PolicyFields
          idPrefix="location-policy"
          legend="Policy overrides"
          policy={location.data?.policy ?? {}}
          effective={effective}
          disabled={!admin}
          onChange={setPolicy}
        />
        {admin ? (
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : isNew ? 'Add location' : 'Save location'}
          </button>
        ) : null}
        <SaveStatus error={error} saved={saved} />
      </form>
    </>
  );
}
