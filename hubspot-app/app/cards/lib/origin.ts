/**
 * Where the cards and pages find Ringback's backend. `hubspot.fetch` needs an absolute https URL
 * that is listed in the app's `permittedUrls.fetch`, which is `${RINGBACK_ORIGIN}` from the active
 * `hsprofile.*.json`. HubSpot hands profile variables to extensions as `context.variables`; when a
 * host does not (older platform builds), the production origin is the fallback, so it must match
 * `hsprofile.prod.json` (a test keeps the two equal).
 */
export const DEFAULT_ORIGIN = 'https://ringback.example.com';

export function backendOrigin(context: { variables?: Record<string, unknown> | undefined }): string {
  const value = context.variables?.RINGBACK_ORIGIN;
  if (typeof value === 'string' && /^https:\/\/[^/\s]+$/.test(value.replace(/\/+$/, '')))
    return value.replace(/\/+$/, '');
  return DEFAULT_ORIGIN;
}
