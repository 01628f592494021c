/**
 * In-memory CallRail state: accounts with their API keys, and calls per account.
 */
import { createHash } from 'node:crypto';
import type { CallRailApiCall, CallRailCallInput } from './types.ts';

/** CallRail's own threshold: a caller who hangs up within 15 s abandoned the call. */
const ABANDON_SECONDS = 15;

function defaultCallType(call: Pick<CallRailApiCall, 'direction' | 'voicemail' | 'answered' | 'duration'>): string {
  if (call.direction === 'outbound') return 'outbound';
  if (call.voicemail) return 'voicemail';
  if (call.answered) return 'answered';
  return (call.duration ?? 0) < ABANDON_SECONDS ? 'abandoned' : 'missed';
}

export class CallRailStore {
  private readonly keys = new Map<string, string>();
  private readonly calls = new Map<string, Map<string, CallRailApiCall>>();
  private counter = 0;

  addAccount(accountId: string, apiKey: string): void {
    this.keys.set(accountId, apiKey);
    if (!this.calls.has(accountId)) this.calls.set(accountId, new Map());
  }

  apiKeyOf(accountId: string): string | null {
    return this.keys.get(accountId) ?? null;
  }

  hasAccount(accountId: string): boolean {
    return this.keys.has(accountId);
  }

  /** Stores a call (defaults filled in) and returns a copy of what the API will serve. */
  addCall(accountId: string, input: CallRailCallInput): CallRailApiCall {
    const calls = this.calls.get(accountId);
    if (!calls) throw new Error(`unknown CallRail account ${accountId}: addAccount first`);
    this.counter += 1;
    const id =
      input.id ?? `CAL${createHash('sha256').update(`${accountId}:${this.counter}`).digest('hex').slice(0, 32)}`;
    const direction = input.direction ?? 'inbound';
    const voicemail = input.voicemail ?? false;
    const answered = input.answered ?? false;
    const duration = input.duration ?? 0;
    const call: CallRailApiCall = {
      id,
      answered,
      business_phone_number: null,
      customer_city: null,
      customer_country: 'US',
      customer_name: null,
      customer_state: null,
      direction,
      duration,
      recording: null,
      recording_duration: null,
      recording_player: null,
      tracking_phone_number: null,
      voicemail,
      agent_email: null,
      call_type: defaultCallType({ direction, voicemail, answered, duration }),
      campaign: null,
      company_id: null,
      company_name: null,
      company_time_zone: 'UTC',
      created_at: input.start_time,
      first_call: null,
      lead_status: null,
      note: null,
      prior_calls: null,
      source: null,
      source_name: null,
      tags: [],
      total_calls: null,
      tracker_id: null,
      transcription: null,
      value: null,
      spam: false,
      ...input,
    };
    calls.set(id, call);
    return structuredClone(call);
  }

  updateCall(accountId: string, id: string, patch: Partial<Omit<CallRailApiCall, 'id'>>): CallRailApiCall {
    const call = this.calls.get(accountId)?.get(id);
    if (!call) throw new Error(`unknown call ${id} in account ${accountId}`);
    Object.assign(call, patch);
    return structuredClone(call);
  }

  getCall(accountId: string, id: string): CallRailApiCall | null {
    const call = this.calls.get(accountId)?.get(id);
    return call ? structuredClone(call) : null;
  }

  listCalls(accountId: string): CallRailApiCall[] {
    return [...(this.calls.get(accountId)?.values() ?? [])].map((call) => structuredClone(call));
  }

  removeCall(accountId: string, id: string): boolean {
    return this.calls.get(accountId)?.delete(id) ?? false;
  }

  reset(): void {
    this.keys.clear();
    this.calls.clear();
    this.counter = 0;
  }
}
