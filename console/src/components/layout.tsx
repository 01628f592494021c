/**
 * The frame of every signed-in page: a skip link, the header with the account switcher and the main
 * navigation, and the `main` landmark the pages render into.
 */
import type { ReactNode } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../auth/session.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { accountId } = useParams();
  const navigate = useNavigate();
  const accounts = session?.accounts ?? [];
  const current = accountId ?? accounts[0]?.id ?? null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="brand">
          <span aria-hidden="true" className="brand-mark">
            ⟲
          </span>{' '}
          Ringback
        </div>
        <nav aria-label="Main">
          <ul className="nav-list">
            {current ? (
              <>
                <li>
                  <NavLink end to={`/accounts/${current}`}>
                    Dashboard
                  </NavLink>
                </li>
                <li>
                  <NavLink to={`/accounts/${current}/cases`}>Missed calls</NavLink>
                </li>
              </>
            ) : null}
            <li>
              <NavLink to={session?.role === 'admin' ? '/setup' : current ? `/setup/${current}` : '/setup'}>
                Setup
              </NavLink>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          {accounts.length > 1 ? (
            <label className="inline-label">
              <span>Account</span>
              <select value={current ?? ''} onChange={(e) => navigate(`/accounts/${e.target.value}`)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
          ) : accounts[0] ? (
            <span className="account-name">{accounts[0].name}</span>
          ) : null}
          <span className="role-tag">{session?.role === 'admin' ? 'Admin' : 'Account token'}</span>
          <button type="button" className="button secondary" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
