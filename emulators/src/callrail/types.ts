/**
 * A call as CallRail API v3 returns it (`GET /v3/a/{account_id}/calls.json`). The list returns the
 * default fields; the others only when named in `fields=`. The webhook body for the same call is a
 * different shape (legacy numeric `id` + `resource_id`, string `duration`, formatted_* and legacy
 * fields): see webhook-body.ts.
 */
export interface CallRailApiCall {
  // Default fields.
  id: string;
  answered: boolean | null;
  business_phone_number: string | null;
  customer_city: string | null;
  customer_country: string | null;
  customer_name: string | null;
  customer_phone_number: string;
  customer_state: string | null;
  direction: 'inbound' | 'outbound';
  duration: number | null;
  recording: string | null;
  recording_duration: string | null;
  recording_player: string | null;
  start_time: string;
  tracking_phone_number: string | null;
  voicemail: boolean;
  agent_email: string | null;
  // Extra fields (`fields=`).
  call_type: string | null;
  campaign: string | null;
  company_id: string | null;
  company_name: string | null;
  company_time_zone: string | null;
  created_at: string;
  first_call: boolean | null;
  lead_status: string | null;
  note: string | null;
  prior_calls: number | null;
  source: string | null;
  source_name: string | null;
  tags: string[];
  total_calls: number | null;
  tracker_id: string | null;
  transcription: string | null;
  value: string | null;
  /** Emulator extension: CallRail's spam flag as the webhooks carry it; not a documented API field. */
  spam: boolean;
}

export const DEFAULT_FIELDS = [
  'answered',
  'business_phone_number',
  'customer_city',
  'customer_country',
  'customer_name',
  'customer_phone_number',
  'customer_state',
  'direction',
  'duration',
  'id',
  'recording',
  'recording_duration',
  'recording_player',
  'start_time',
  'tracking_phone_number',
  'voicemail',
  'agent_email',
] as const satisfies ReadonlyArray<keyof CallRailApiCall>;

export const EXTRA_FIELDS = [
  'call_type',
  'campaign',
  'company_id',
  'company_name',
  'company_time_zone',
  'created_at',
  'first_call',
  'lead_status',
  'note',
  'prior_calls',
  'source',
  'source_name',
  'tags',
  'total_calls',
  'tracker_id',
  'transcription',
  'value',
  'spam',
] as const satisfies ReadonlyArray<keyof CallRailApiCall>;

/** What a test supplies; everything else gets a plausible default. */
export type CallRailCallInput = Partial<CallRailApiCall> &
  Pick<CallRailApiCall, 'start_time' | 'customer_phone_number'>;
