/**
 * Every call-tracking provider by id. Adding a provider = one adapter file + its fixtures + a line here
 * (and its id in `Provider`, shared/src/call-event.ts).
 */
import type { Provider } from '@ringback/shared';
import { callrail } from './callrail.ts';
import { generic } from './generic.ts';
import { invoca } from './invoca.ts';
import type { ProviderAdapter, ProviderSecrets } from './provider.ts';
import { twilio } from './twilio.ts';

export const providers: { [P in Provider]: ProviderAdapter<ProviderSecrets[P]> } = {
  callrail,
  twilio,
  invoca,
  generic,
};

export function isProvider(value: string): value is Provider {
  return Object.hasOwn(providers, value);
}
