/** Setup home (admin): every account, and a form to add one. Account tokens go straight to theirs. */
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { accountPath } from '../../api/client.ts';
import type { AccountSetup } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { SaveStatus, useSave } from './use-save.tsx';

export function AccountsPage() {
  const { session, refreshAccounts } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState({ id: '', name: '', timezone: 'America/New_York', currency: 'USD' });
  const { busy, error, saved, save, fail } = useSave<AccountSetup>();
  if (session?.role !== 'admin')
    return <Navigate to={session?.accounts[0] ? `/setup/${session.accounts[0].id}` : '/'} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^[a-z0-9-]+$/.test(form.id))
      return fail('Account id: lower-case letters, digits and dashes (it appears in webhook URLs).');
    const created = await save(
      accountPath(form.id),
      { name: form.name, timezone: form.timezone, currency: form.currency },
      'Account saved.',
    );
    if (created) {
      await refreshAccounts();
      navigate(`/setup/${created.id}`);
    }
  };
  const field = (key: keyof typeof form, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`new-account-${key}`}>{label}</label>
      <input
        id={`new-account-${key}`}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        required
        aria-describedby={hint ? `new-account-${key}-hint` : undefined}
      />
      {hint ? (
        <span className="muted" id={`new-account-${key}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );

  return (
    <>
      <div className="page-head">
        <h1>Setup</h1>
      </div>
      <section className="panel" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">Accounts</h2>
        <ul className="link-list">
          {session.accounts.map((a) => (
            <li key={a.id}>
              <Link to={`/setup/${a.id}`}>{a.name}</Link>{' '}
              <span className="muted">
                ({a.id}, {a.crmKind ?? 'no CRM yet'})
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="new-account-heading">
        <h2 id="new-account-heading">Add an account</h2>
        <form onSubmit={(e) => void submit(e)} className="field-grid">
          {field('id', 'Account id', 'e.g. acme: lower-case letters, digits and dashes')}
          {field('name', 'Name')}
          {field('timezone', 'Time zone', 'IANA, e.g. America/Chicago')}
          {field('currency', 'Currency', 'ISO 4217, e.g. USD')}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Add account
            </button>
          </div>
        </form>
        <SaveStatus error={error} saved={saved} />
      </section>
    </>
  );
}
