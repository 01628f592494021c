/**
 * `POST /api/accounts/:accountId/outcomes` (contract §4): an outcome from a system that is not
 * connected (booking software, a dialer). `201 {"accepted":true,"missedCallId"}` when it counts for a
 * case, `202` with `missedCallId: null` when the caller has no case before `at` yet (kept: a missed
 * call that arrives later picks it up). An optional `externalId` makes a replay record nothing twice.
 */
import { Router } from 'express';
import { z } from 'zod';
import { normalizePhone } from '@ringback/shared';
import type { AppContext } from '../app-context.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { accountFor } from './account-scope.ts';
import { parseInstant } from './pagination.ts';
import { recordOutcome, type OutcomeInput } from '../recovery/record-outcome.ts';

const OutcomeBody = z.strictObject({
  callerE164: z.string().min(1).max(40).nullable().optional(),
  missedCallId: z.string().min(1).max(100).nullable().optional(),
  type: z.enum(['attempt', 'contact', 'booking', 'revenue']),
  at: z.string().min(1),
  amount: z.number().finite().nullable().optional(),
  answered: z.boolean().nullable().optional(),
  talkSeconds: z.number().int().min(0).max(86_400).nullable().optional(),
  externalId: z.string().min(1).max(200).nullable().optional(),
});

function invalid(message: string): NonRetryableError {
  return new NonRetryableError('invalid_outcome', message);
}

/** Validates the body; every problem is a 400 naming the field. */
export function parseOutcomeBody(body: unknown): Omit<OutcomeInput, 'source'> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body must be a JSON object');
  const parsed = OutcomeBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    throw invalid(
      issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : `${field}: ${issue.message}`,
    );
  }
  const b = parsed.data;
  if (!b.callerE164 && !b.missedCallId) throw invalid('give callerE164 or missedCallId');
  let callerE164: string | null = null;
  if (b.callerE164) {
    callerE164 = b.callerE164.trim().startsWith('+') ? normalizePhone(b.callerE164) : null;
    if (!callerE164)
      throw invalid(`callerE164 must be a phone number in E.164 (+ and country code): ${JSON.stringify(b.callerE164)}`);
  }
  const at = parseInstant(b.at, 'at')!;
  if (b.type === 'revenue' && (b.amount === undefined || b.amount === null))
    throw invalid('a revenue outcome needs amount');
  if (b.amount !== undefined && b.amount !== null && b.amount < 0) throw invalid('amount must not be negative');
  return {
    callerE164,
    missedCallId: b.missedCallId ?? null,
    type: b.type,
    at,
    amount: b.type === 'revenue' ? (b.amount ?? null) : null,
    answered: b.answered ?? null,
    talkSeconds: b.talkSeconds ?? null,
    externalId: b.externalId ?? null,
  };
}

export function outcomeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/accounts/:accountId/outcomes', async (req, res) => {
    const account = await accountFor(ctx, req);
    const input = parseOutcomeBody(req.body);
    const recorded = await recordOutcome(ctx, account, { ...input, source: 'api' });
    res
      .status(recorded.missedCallId ? 201 : 202)
      .json({ accepted: true, missedCallId: recorded.missedCallId, duplicate: recorded.duplicate });
  });
  return router;
}
