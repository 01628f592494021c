/** Sign in with the admin token or an account token; the token stays in this tab only. */
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { checkToken, useSession } from '../auth/session.tsx';

export function SignIn() {
  const { signIn, notice } = useSession();
  const navigate = useNavigate();
  const here = useLocation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await checkToken(token);
      signIn(session);
      // Signed in from a deep link: stay there; from the front door: the first account's dashboard.
      const first = session.accounts[0];
      if (here.pathname === '/') navigate(first ? `/accounts/${first.id}` : '/setup', { replace: true });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>
        <span aria-hidden="true" className="brand-mark">
          ⟲
        </span>{' '}
        Ringback console
      </h1>
      <p>Missed-call recovery for every location. Sign in with the admin token or an account token.</p>
      {notice && !error ? (
        <p className="error-note" role="status">
          {notice}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="token">Token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error token-help' : 'token-help'}
          required
        />
        <p id="token-help" className="muted">
          <code>npm start</code> prints the admin token at the first start and keeps it in{' '}
          <code>.ringback/admin-token</code>. An admin can make account tokens with{' '}
          <code>POST /api/accounts/&lt;id&gt;/tokens</code>. The token is kept in this browser tab only.
        </p>
        {error ? (
          <p id="token-error" className="error-note" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
