/**
 * Twilio's request signature (docs: "Webhooks security"): the full URL Twilio called, then every POST
 * parameter's name and value appended with no separators, sorted by name; HMAC-SHA1 with the account
 * auth token; base64. The published example (auth token `12345`,
 * `https://mycompany.com/myapp.php?foo=1&bar=2`, CallSid/Caller/Digits/From/To) gives
 * `0/KCTR6DLpKmkAf8muzZqo1nDgQ=`; the test suite checks it.
 */
import { hmac } from './signature.ts';

/** Sorted by name, then by value so repeated names sign the same whatever their body order. */
function byNameThenValue(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

export function twilioSignature(
  url: string,
  params: ReadonlyArray<readonly [string, string]>,
  authToken: string,
): string {
  let data = url;
  for (const [name, value] of [...params].sort(byNameThenValue)) data += name + value;
  return hmac('sha1', authToken, Buffer.from(data, 'utf8'), 'base64');
}

/**
 * The URL as configured, plus the same URL with its default port added or removed. Twilio's own
 * validators try both: whether the port is part of the signed URL depends on how the number's
 * webhook was configured, which the receiving side cannot know.
 */
export function twilioUrlVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!m) return [url];
  const scheme = m[1] ?? '';
  const authority = m[2] ?? '';
  const rest = m[3] ?? '';
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  const portMatch = /:(\d+)$/.exec(authority);
  // "[::1]" ends in "]" and carries no port; "[::1]:443" does.
  if (portMatch) {
    if (portMatch[1] !== defaultPort) return [url];
    return [url, `${scheme}://${authority.slice(0, -portMatch[0].length)}${rest}`];
  }
  return [url, `${scheme}://${authority}:${defaultPort}${rest}`];
}
