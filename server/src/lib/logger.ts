/**
 * Structured logs (pino), one JSON line per event. Secrets never reach a line: known secret fields
 * are redacted by path and query-string tokens (Invoca's `?token=`) are scrubbed from URLs.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.headers.signature',
  'req.headers["x-ringback-signature"]',
  'req.headers["x-ringback-token"]',
  'req.headers["x-hubspot-signature-v3"]',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.signingKey',
  '*.authToken',
  '*.secret',
  '*.token',
  '*.password',
];

const SECRET_QUERY = /([?&](?:token|access_token|refresh_token|code|client_secret|signature)=)[^&#\s]*/gi;

/** Replaces the values of secret-bearing query parameters in a URL or path. */
export function scrubUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ringback' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
