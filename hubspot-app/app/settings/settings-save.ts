/**
 * One save on the settings page: the request, the success or failure banner, and the fresh
 * settings view the backend answers with (every `PUT /hubspot/settings/*` returns it).
 */
import { useState } from 'react';
import type { AddAlertAction } from '@hubspot/ui-extensions';
import type { SettingsResponse } from './lib/types.ts';
import { explainError } from './lib/LoadStates.tsx';

export interface Saver {
  pending: string | null;
  /** Runs `request` under `label`; resolves true when it succeeded. */
  save: (label: string, request: () => Promise<SettingsResponse>, done: string) => Promise<boolean>;
}

export function useSaver(addAlert: AddAlertAction, onSaved: (view: SettingsResponse) => void): Saver {
  const [pending, setPending] = useState<string | null>(null);
  const save = async (label: string, request: () => Promise<SettingsResponse>, done: string) => {
    setPending(label);
    try {
      onSaved(await request());
      addAlert({ type: 'success', title: 'Saved', message: done });
      return true;
    } catch (err) {
      const { title, detail } = explainError(err as Error);
      addAlert({ type: 'danger', title, message: detail });
      return false;
    } finally {
      setPending(null);
    }
  };
  return { pending, save };
}
