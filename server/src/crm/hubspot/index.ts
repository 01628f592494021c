export { createHubSpotPort, hubspotBudget } from './hubspot-port.ts';
export type { HubSpotPort, HubSpotPortOptions } from './hubspot-port.ts';
export type { HubSpotEvent, HubSpotOutcome } from './outcomes.ts';
export { RINGBACK_PROPERTIES, RINGBACK_GROUP } from './properties.ts';
export { verifyV3, signV3 } from './signature.ts';
