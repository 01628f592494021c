/**
 * The webhook ack path: makes authenticated events durable and answers, fast. Requests that arrive
 * while a write is in flight are group-committed: one statement stores the whole batch (replays
 * dropped by the replay constraint) together with the one `webhook.fold` job that will fold them
 * into cases. Nothing is acknowledged before that statement has committed, and the fold job lives in
 * the same commit, so an acknowledged event is never lost, even if the process dies right after.
 *
 * The answer's `missedCallId` does not wait for the fold: a missed call's id is derived from what
 * makes it unique (`caseIdFor`), or is the id of the case that call already has.
 */
import { sql } from 'drizzle-orm';
import { isMissedCall } from '@ringback/shared';
import type { AppContext } from '../app-context.ts';
import { caseIdFor } from '../lib/ids.ts';
import { FOLD_JOB } from '../jobs/fold-webhooks.ts';
import type { Notice } from '../queue/job-queue.ts';
import { idempotencyKey, type StoredWebhook, type StoreResult } from './store-webhook.ts';

export interface IntakeOptions {
  /** Most events one statement stores. */
  maxBatch?: number;
  /** Batches written at once; more requests wait and join the next batch. */
  maxInFlight?: number;
}

interface Waiting {
  row: IntakeRow;
  resolve(result: StoreResult): void;
  reject(err: unknown): void;
}

interface IntakeRow {
  accountId: string;
  provider: string;
  kind: string;
  providerCallId: string | null;
  occurredAt: Date | null;
  idempotencyKey: string;
  body: Buffer;
  contentType: string | null;
  headers: string;
  query: string;
  receivedAt: Date;
  /** The case id this event will create or update, when it is a missed call. */
  missedCallId: string | null;
}

const replayKey = (r: Pick<IntakeRow, 'accountId' | 'provider' | 'idempotencyKey'>) => `${r.accountId}\n${r.provider}\n${r.idempotencyKey}`;

export class WebhookIntake {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly notices: Notice[] = [];
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly ctx: AppContext,
    options: IntakeOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 250;
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  /** Resolves once the event is durably stored (or found to be a replay). */
  store(accountId: string, hook: StoredWebhook): Promise<StoreResult> {
    const event = hook.event;
    const row: IntakeRow = {
      accountId,
      provider: hook.provider,
      kind: hook.kind,
      providerCallId: hook.providerCallId,
      occurredAt: event?.startedAt ?? null,
      idempotencyKey: idempotencyKey(hook.kind, hook.providerCallId, hook.body),
      body: hook.body,
      contentType: hook.contentType,
      headers: JSON.stringify(hook.headers),
      query: JSON.stringify(hook.query),
      receivedAt: this.ctx.clock(),
      missedCallId: event && isMissedCall(event) ? caseIdFor(accountId, event.provider, event.providerCallId) : null,
    };
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    // Replays inside one batch (a storm of the same delivery) are answered from the first copy.
    const firsts = new Map<string, Waiting>();
    for (const w of batch) if (!firsts.has(replayKey(w.row))) firsts.set(replayKey(w.row), w);
    try {
      const stored = await this.insert([...firsts.values()].map((w) => w.row));
      const missing = [...firsts.values()].filter((w) => !stored.has(replayKey(w.row))).map((w) => w.row);
      const earlier = missing.length ? await this.existing(missing) : new Map<string, StoredRow>();
      for (const w of batch) {
        const key = replayKey(w.row);
        const mine = stored.get(key);
        const first = firsts.get(key) === w;
        const found = mine ?? earlier.get(key);
        if (!found) throw new Error(`stored event for ${w.row.provider} ${w.row.providerCallId ?? ''} not found after insert`);
        w.resolve({ duplicate: !(mine && first), missedCallId: found.missedCallId, eventId: found.id });
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  /** One statement: the events, and the fold job for those that were new. Returns the new ones. */
  private async insert(rows: IntakeRow[]): Promise<Map<string, StoredRow>> {
    const now = this.ctx.clock();
    const values = sql.join(
      rows.map(
        (r) =>
          sql`(${r.accountId}::text, ${r.provider}::text, ${r.kind}::text, ${r.providerCallId}::text, ${r.occurredAt}::timestamptz, ${r.idempotencyKey}::text, ${r.body}::bytea, ${r.contentType}::text, ${r.headers}::jsonb, ${r.query}::jsonb, ${r.receivedAt}::timestamptz, ${r.missedCallId}::text)`,
      ),
      sql`, `,
    );
    const result = await this.ctx.database.db.execute(sql`
      with incoming (account_id, provider, kind, provider_call_id, occurred_at, idempotency_key, body, content_type, headers, query, received_at, missed_call_id) as (values ${values}),
      stored as (
        insert into webhook_events (account_id, provider, kind, provider_call_id, occurred_at, idempotency_key, body, content_type, headers, query, received_at, status, missed_call_id)
        select i.account_id, i.provider, i.kind, i.provider_call_id, i.occurred_at, i.idempotency_key, i.body, i.content_type, i.headers, i.query, i.received_at, 'pending',
          -- a call that already has a case (one created before case ids were derived) keeps its id
          case when i.missed_call_id is null then null else coalesce(
            (select m.id from missed_calls m where m.account_id = i.account_id and m.provider = i.provider and m.provider_call_id = i.provider_call_id),
            i.missed_call_id) end
        from incoming i
        on conflict (account_id, provider, idempotency_key) do nothing
        returning id, account_id, provider, idempotency_key, missed_call_id
      ),
      fold as (
        insert into jobs (kind, key, payload, run_at, max_attempts, created_at, updated_at, delivered_at)
        select ${FOLD_JOB}::text, ${`${FOLD_JOB}:`}::text || min(id)::text, jsonb_build_object('eventIds', jsonb_agg(id order by id)), ${now}::timestamptz, 25, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
        from stored having count(*) > 0
        returning id, run_at
      )
      select 'event' as what, id, account_id, provider, idempotency_key, missed_call_id, null::timestamptz as run_at from stored
      union all
      select 'job', id, null, null, null, null, run_at from fold`);
    const stored = new Map<string, StoredRow>();
    let job: Notice | null = null;
    for (const r of resultRows(result)) {
      if (r.what === 'job') job = { id: Number(r.id), runAt: new Date(r.run_at as string | Date) };
      else stored.set(replayKey({ accountId: String(r.account_id), provider: String(r.provider), idempotencyKey: String(r.idempotency_key) }), rowOf(r));
    }
    if (job) this.notifyLater(job);
    return stored;
  }

  /**
   * Hands fold jobs to the queue after their commit, off the ack's path (the answer does not wait
   * for Redis), and together: the batches committed in one turn of the event loop share one
   * hand-out. The insert already recorded them as handed out, saving the ack path an UPDATE per
   * batch; one this process dies before handing out is handed out by the next start's sweep, by
   * the sweep after Redis returns, or by a running worker's sweep once it is a minute old.
   */
  private notifyLater(notice: Notice): void {
    this.notices.push(notice);
    if (this.notices.length > 1) return;
    setImmediate(() => {
      const due = this.notices.splice(0);
      void this.ctx.queue.handOut(due).catch((err: Error) => this.ctx.logger.warn({ jobs: due.length, err: err.message }, 'fold job hand-out failed; the sweeper delivers it'));
    });
  }

  /** The stored copies of replays, for their answer. */
  private async existing(rows: IntakeRow[]): Promise<Map<string, StoredRow>> {
    const keys = sql.join(
      rows.map((r) => sql`(${r.accountId}::text, ${r.provider}::text, ${r.idempotencyKey}::text)`),
      sql`, `,
    );
    const result = await this.ctx.database.db.execute(sql`
      select id, account_id, provider, idempotency_key, missed_call_id from webhook_events
      where (account_id, provider, idempotency_key) in (${keys})`);
    const found = new Map<string, StoredRow>();
    for (const r of resultRows(result)) {
      found.set(replayKey({ accountId: String(r.account_id), provider: String(r.provider), idempotencyKey: String(r.idempotency_key) }), rowOf(r));
    }
    return found;
  }
}

interface StoredRow {
  id: number;
  missedCallId: string | null;
}

function rowOf(r: Record<string, unknown>): StoredRow {
  return { id: Number(r.id), missedCallId: (r.missed_call_id as string | null) ?? null };
}

/** node-postgres and PGlite both answer `execute` with `{ rows }`. */
function resultRows(result: unknown): Array<Record<string, unknown>> {
  return (result as { rows: Array<Record<string, unknown>> }).rows;
}
