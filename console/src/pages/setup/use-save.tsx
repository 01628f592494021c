/** A save button's life: busy, then "Saved" or the server's message. */
import { useState } from 'react';
import { ApiError, apiRequest } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';

export function useSave<T>() {
  const { session } = useSession();
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: string | null }>({
    busy: false,
    error: null,
    saved: null,
  });
  const save = async (path: string, body: unknown, savedMessage = 'Saved.'): Promise<T | null> => {
    if (!session) return null;
    setState({ busy: true, error: null, saved: null });
    try {
      const result = await apiRequest<T>(session.token, path, { method: 'PUT', body });
      setState({ busy: false, error: null, saved: savedMessage });
      return result;
    } catch (err) {
      setState({ busy: false, error: err instanceof ApiError ? err.message : String(err), saved: null });
      return null;
    }
  };
  const fail = (message: string) => setState({ busy: false, error: message, saved: null });
  return { ...state, save, fail };
}

export function SaveStatus({ error, saved }: { error: string | null; saved: string | null }) {
  if (error) {
    return (
      <p className="error-note" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p className="saved" role="status" aria-live="polite">
      {saved ?? ''}
    </p>
  );
}
