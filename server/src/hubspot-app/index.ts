export { hubspotAppRoutes, type HubSpotAppDeps } from './routes.ts';
export { SANDBOX_HUBSPOT_APP_SECRET, hubspotAppSecret } from './app-secret.ts';
export { signV3, checkSignatureV3, decodeSignedUri } from './signature.ts';
export type { RecoveryFunctions, RecoveryGroup, LocationRecovery } from './recovery-port.ts';
