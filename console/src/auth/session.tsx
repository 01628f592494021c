/**
 * Who is signed in: the token (kept in sessionStorage, so it goes when the tab does), whether it is
 * the admin token or an account token, and the accounts it may see. A token is checked against the
 * server before anything is shown; one that stops working signs the user out with the reason.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, apiRequest } from '../api/client.ts';
import type { AccountItem } from '../api/types.ts';

export interface Session {
  token: string;
  role: 'admin' | 'account';
  accounts: AccountItem[];
}

const STORAGE_KEY = 'ringback.console.token';

/** Checks a token: 401 → ApiError with a message for people. */
export async function checkToken(token: string): Promise<Session> {
  const trimmed = token.trim();
  if (!trimmed) throw new ApiError(0, 'token_missing', 'Enter the admin token or an account token.');
  let accounts: AccountItem[];
  try {
    accounts = (await apiRequest<{ items: AccountItem[] }>(trimmed, '/api/accounts')).items;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      throw new ApiError(
        401,
        err.code,
        'That token was not accepted: it is unknown or has been revoked. Check it and try again.',
      );
    }
    throw err;
  }
  // Only the admin token may read the metrics: an account token gets 403 there.
  let role: Session['role'] = 'account';
  try {
    await apiRequest(trimmed, '/api/metrics');
    role = 'admin';
  } catch {
    role = 'account';
  }
  return { token: trimmed, role, accounts };
}

interface SessionState {
  session: Session | null;
  /** True while a stored token is being re-checked at load. */
  restoring: boolean;
  /** Why the last session ended, shown on the sign-in page. */
  notice: string | null;
  signIn(session: Session): void;
  signOut(notice?: string): void;
  refreshAccounts(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function SessionProvider({ children, initial = null }: { children: ReactNode; initial?: Session | null }) {
  const [session, setSession] = useState<Session | null>(initial);
  const [restoring, setRestoring] = useState(() => initial === null && Boolean(storage()?.getItem(STORAGE_KEY)));
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const stored = storage()?.getItem(STORAGE_KEY);
    if (initial || !stored) return;
    checkToken(stored)
      .then((s) => setSession(s))
      .catch((err: Error) => {
        storage()?.removeItem(STORAGE_KEY);
        setNotice(
          err instanceof ApiError && err.status === 401
            ? 'Your token is no longer accepted. Sign in again.'
            : err.message,
        );
      })
      .finally(() => setRestoring(false));
  }, [initial]);

  const signIn = useCallback((s: Session) => {
    storage()?.setItem(STORAGE_KEY, s.token);
    setNotice(null);
    setSession(s);
  }, []);

  const signOut = useCallback((why?: string) => {
    storage()?.removeItem(STORAGE_KEY);
    setNotice(why ?? null);
    setSession(null);
  }, []);

  const refreshAccounts = useCallback(async () => {
    if (!session) return;
    const accounts = (await apiRequest<{ items: AccountItem[] }>(session.token, '/api/accounts')).items;
    setSession({ ...session, accounts });
  }, [session]);

  const value = useMemo(
    () => ({ session, restoring, notice, signIn, signOut, refreshAccounts }),
    [session, restoring, notice, signIn, signOut, refreshAccounts],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
