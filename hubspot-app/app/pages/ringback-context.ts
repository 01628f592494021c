/**
 * Route components of app pages take no props (`PageRoutes` renders them bare), so the backend
 * client and the clock reach them through React context, set once by the pages entrypoint.
 */
import { createContext, useContext } from 'react';
import type { AddAlertAction } from '@hubspot/ui-extensions';
import type { RingbackApi } from './lib/api.ts';
import type { Clock } from './lib/clock.ts';

export interface RingbackPageServices {
  api: RingbackApi;
  clock: Clock;
  addAlert: AddAlertAction;
}

export const RingbackPageContext = createContext<RingbackPageServices | null>(null);

export function useRingback(): RingbackPageServices {
  const services = useContext(RingbackPageContext);
  if (!services) throw new Error('Ringback page rendered outside RingbackPages');
  return services;
}
