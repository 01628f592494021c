/**
 * Loads one API path for a screen, optionally polling it so figures move while you watch. The last
 * good answer stays on screen while the next one loads (no flicker); a 401 ends the session.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from './client.ts';
import { useSession } from '../auth/session.tsx';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** When the data on screen was fetched. */
  updatedAt: Date | null;
  reload(): void;
}

export function useApi<T>(path: string | null, refreshMs?: number): ApiState<T> {
  const { session, signOut } = useSession();
  const [state, setState] = useState<{
    data: T | null;
    error: ApiError | null;
    loading: boolean;
    updatedAt: Date | null;
    path: string | null;
  }>({
    data: null,
    error: null,
    loading: path !== null,
    updatedAt: null,
    path,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = useRef(path);
  current.current = path;

  useEffect(() => {
    if (!path || !session) return;
    const controller = new AbortController();
    // Same screen, new query (a filter, the next minute): keep showing the last answer until this one lands.
    setState((s) =>
      samePage(s.path, path)
        ? { ...s, loading: true }
        : { data: null, error: null, loading: true, updatedAt: null, path: s.path },
    );
    apiRequest<T>(session.token, path, { signal: controller.signal })
      .then((data) => {
        if (current.current === path) setState({ data, error: null, loading: false, updatedAt: new Date(), path });
      })
      .catch((err: Error) => {
        if (err.name === 'AbortError') return;
        const e = err instanceof ApiError ? err : new ApiError(0, 'error', err.message);
        if (e.status === 401) return signOut('Your token is no longer accepted. Sign in again.');
        if (current.current === path)
          setState((s) => ({ ...s, data: samePage(s.path, path) ? s.data : null, error: e, loading: false, path }));
      });
    return () => controller.abort();
  }, [path, session, tick, signOut]);

  useEffect(() => {
    if (!refreshMs || !path) return;
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') setTick((t) => t + 1);
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, path]);

  const visible = samePage(state.path, path);
  return {
    data: visible ? state.data : null,
    error: visible ? state.error : null,
    loading: state.loading,
    updatedAt: state.updatedAt,
    reload,
  };
}

/** Two API paths of the same resource (only the query differs). */
function samePage(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.split('?')[0] === b.split('?')[0];
}
