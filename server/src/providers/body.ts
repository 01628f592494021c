/**
 * Decoding raw webhook bodies. Parsing always starts from the stored bytes; signatures were checked on
 * those same bytes, and nothing here ever re-serializes them.
 */

// Non-fatal: invalid UTF-8 becomes U+FFFD instead of failing the whole delivery; a leading BOM is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeText(raw: Buffer): string {
  return utf8.decode(raw);
}

export type JsonDecode = { ok: true; value: unknown } | { ok: false; message: string };

export function decodeJson(raw: Buffer): JsonDecode {
  const text = decodeText(raw);
  if (text.trim() === '') return { ok: false, message: 'empty body' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `body is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Form-encoded pairs in body order, duplicates kept (Twilio's signature covers every pair). */
export function decodeForm(raw: Buffer): Array<[string, string]> {
  return [...new URLSearchParams(decodeText(raw)).entries()];
}

/** The media type without parameters, lower-cased: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string | null {
  if (typeof contentType !== 'string') return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
