import type { Request, Response } from 'express';
import { validationError } from './errors.ts';
import type { Portal } from './portal.ts';
import type { TokenRecord } from './types.ts';

// Small helpers shared by the route files: the authenticated portal, and HubSpot's query parameter forms
// (lists may be comma-separated, repeated, or both).

export interface AuthLocals {
  portal: Portal;
  token: TokenRecord;
}

export function auth(res: Response): AuthLocals {
  const locals = res.locals as Partial<AuthLocals>;
  if (!locals.portal || !locals.token) throw new Error('route reached without authentication');
  return { portal: locals.portal, token: locals.token };
}

/** `?properties=a,b&properties=c` → ['a', 'b', 'c']; absent → undefined. */
export function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function stringParam(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return String(Array.isArray(value) ? value[0] : value);
}

export function boolParam(value: unknown): boolean {
  return stringParam(value)?.toLowerCase() === 'true';
}

/** An integer query parameter within [min, max], HubSpot's 400 otherwise. */
export function intParam(value: unknown, name: string, fallback: number, min: number, max: number): number {
  const raw = stringParam(value);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw validationError(`${name} must be an integer between ${min} and ${max}, got ${raw}`);
  }
  return n;
}

export function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new Error(`missing route parameter ${name}`);
  return value;
}

export function bodyObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError('Invalid input JSON: a JSON object body was expected');
  }
  return body as Record<string, unknown>;
}

/** `{ inputs: [...] }` of a batch request, at most `limit` long (HubSpot's batch endpoints take 100). */
export function batchInputs(req: Request, limit = 100): unknown[] {
  const inputs = bodyObject(req).inputs;
  if (!Array.isArray(inputs)) throw validationError('Invalid input JSON: "inputs" must be an array');
  if (inputs.length > limit) {
    throw validationError(`Batch input size of ${inputs.length} exceeds the limit of ${limit} inputs`, {
      context: { inputs: [String(inputs.length)] },
    });
  }
  return inputs;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
