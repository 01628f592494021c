/**
 * Signature helpers shared by the adapters. Every comparison goes through `constantTimeEqual`: `===`
 * on a signature leaks, through timing, how many leading characters an attacker got right.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VerifyErrorCode, VerifyResult } from './provider.ts';

export function hmac(
  algorithm: 'sha1' | 'sha256',
  key: string,
  data: Buffer | string,
  encoding: 'base64' | 'hex',
): string {
  return createHmac(algorithm, key).update(data).digest(encoding);
}

/**
 * Compares two strings byte for byte in time that depends only on the expected value's length.
 * `timingSafeEqual` throws on unequal lengths, so a length mismatch compares the expected value with
 * itself (same work) and then answers false. The expected length is public anyway (it is fixed by the
 * algorithm), so nothing secret leaks through it.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

export function verifyFailure(code: VerifyErrorCode, message: string): VerifyResult {
  return { ok: false, code, message };
}

/** A header value with surrounding whitespace removed; empty counts as absent. */
export function headerValue(headers: Record<string, string | undefined>, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A configured secret, or null when it is missing or blank (the account has no such provider set up). */
export function configuredSecret(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
