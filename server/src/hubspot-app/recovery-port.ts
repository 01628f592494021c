/**
 * The recovery functions the location card and the dashboard read (one implementation, shared with
 * the console and the Salesforce sync). The router takes them as a dependency so tests can hand in
 * fixed figures; production uses the real module.
 */
import { locationRecovery, recoveryGroups } from '../recovery/index.ts';

export type { RecoveryGroup, LocationRecovery } from '../recovery/index.ts';

export interface RecoveryFunctions {
  recoveryGroups: typeof recoveryGroups;
  locationRecovery: typeof locationRecovery;
}

export const realRecovery: RecoveryFunctions = { recoveryGroups, locationRecovery };
