/**
 * The loading and failure states every Ringback surface shares. A failure says what went wrong in
 * the user's terms (not connected, not verified, unreachable) and offers to try again.
 */
import { Button, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { RingbackApiError } from './api.ts';

export function Loading({ label }: { label: string }) {
  return <LoadingSpinner label={label} showLabel layout="centered" />;
}

export function explainError(error: Error): { title: string; detail: string } {
  if (error instanceof RingbackApiError) {
    if (error.code === 'portal_not_connected') {
      return {
        title: 'This HubSpot account is not connected to Ringback',
        detail: 'Connect it from Ringback (install the app from its install URL), then reload this page.',
      };
    }
    if (error.code === 'portal_ambiguous') {
      return {
        title: 'More than one Ringback account claims this HubSpot account',
        detail: 'Ask your Ringback administrator to keep the HubSpot portal id on one account only.',
      };
    }
    if (error.code === 'hubspot_app_not_configured') {
      return { title: 'Ringback is not set up for the HubSpot app yet', detail: error.message };
    }
    if (error.status === 401)
      return {
        title: 'Ringback could not verify this request',
        detail: 'Reload the page; if it keeps happening, check the server clock and the app secret.',
      };
    if (error.status >= 500) return { title: 'Ringback is having trouble', detail: `${error.message} (${error.code})` };
    return { title: 'Ringback refused the request', detail: `${error.message} (${error.code})` };
  }
  return { title: 'Ringback could not be reached', detail: error.message };
}

export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { title, detail } = explainError(error);
  const support =
    error instanceof RingbackApiError &&
    (error.code.startsWith('portal_') || error.code === 'hubspot_app_not_configured');
  return (
    <ErrorState title={title} type={support ? 'support' : 'error'}>
      <Text>{detail}</Text>
      <Button onClick={onRetry}>Try again</Button>
    </ErrorState>
  );
}
