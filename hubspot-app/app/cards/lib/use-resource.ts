/**
 * Loads one backend answer for a component: `loading` until it arrives, then `ready` or `error`.
 * `key` names what is loaded (record id, filters); a new key loads again, and an answer for an old
 * key that arrives late is dropped, so a fast filter change never shows stale rows. While a reload
 * is under way the last answer stays in `data`, so filters and headers do not flicker away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: Error };

export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> & { reload: () => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null, error: null });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // The loader closes over props; the key says when they changed in a way that matters.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    loadRef.current().then(
      (data) => {
        if (ticket === latest.current) setState({ status: 'ready', data, error: null });
      },
      (err: unknown) => {
        if (ticket === latest.current)
          setState((s) => ({
            status: 'error',
            data: s.data,
            error: err instanceof Error ? err : new Error(String(err)),
          }));
      },
    );
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
