import type { RecordEvent } from './records.ts';
import { signatureV1, signatureV3 } from './signature.ts';
import type { Clock } from './types.ts';

// Webhook delivery as HubSpot does it: events for a portal are batched into a JSON array (≤100 per request)
// and POSTed to each subscription's target URL, signed with X-HubSpot-Signature-v3 and
// X-HubSpot-Request-Timestamp. A failed delivery is retried with the same events and attemptNumber + 1.

export type AutoEvent =
  | 'contact.creation'
  | 'deal.creation'
  | 'deal.propertyChange'
  | 'task.propertyChange'
  | 'call.creation'
  | 'meeting.creation';

export const ALL_AUTO_EVENTS: readonly AutoEvent[] = [
  'contact.creation',
  'deal.creation',
  'deal.propertyChange',
  'task.propertyChange',
  'call.creation',
  'meeting.creation',
];

export interface SubscribeOptions {
  /** Which record changes produce events (default: all of them). */
  events?: AutoEvent[];
  /** Deal properties whose changes are sent (default ['dealstage']). */
  dealProperties?: string[];
  appId?: number;
}

export interface WebhookSubscription {
  id: number;
  portalId: number;
  targetUrl: string;
  clientSecret: string;
  appId: number;
  events: AutoEvent[];
  dealProperties: string[];
}

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  changeSource: string;
  changeFlag?: string;
  sourceId?: string;
  propertyName?: string;
  propertyValue?: string;
  objectTypeId?: string;
}

/** An event given to emit(): at least its type; ids, portal, app and time are filled in. */
export type HandMadeEvent = Partial<WebhookEvent> & { subscriptionType: string };

export interface WebhookDelivery {
  subscriptionId: number;
  targetUrl: string;
  attemptNumber: number;
  events: WebhookEvent[];
  /** HTTP status of the target's answer; null when the request failed (refused, timed out). */
  status: number | null;
  error?: string;
  at: number;
}

export interface WebhookOptions {
  clientSecret: string;
  appId: number;
  retryDelayMs: number;
  maxRetries: number;
}

export class Webhooks {
  private readonly subscriptions = new Map<number, WebhookSubscription>();
  private readonly queues = new Map<number, WebhookEvent[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters: Array<() => void> = [];
  private activity = 0;
  private nextSubscriptionId = 1;
  private nextEventId = 1;
  private closed = false;
  readonly deliveries: WebhookDelivery[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly options: WebhookOptions,
  ) {}

  subscribe(
    portalId: number,
    targetUrl: string,
    clientSecret?: string,
    opts: SubscribeOptions = {},
  ): WebhookSubscription {
    const sub: WebhookSubscription = {
      id: this.nextSubscriptionId++,
      portalId,
      targetUrl,
      clientSecret: clientSecret ?? this.options.clientSecret,
      appId: opts.appId ?? this.options.appId,
      events: [...(opts.events ?? ALL_AUTO_EVENTS)],
      dealProperties: [...(opts.dealProperties ?? ['dealstage'])],
    };
    this.subscriptions.set(sub.id, sub);
    return sub;
  }

  unsubscribe(subscriptionId: number): boolean {
    return this.subscriptions.delete(subscriptionId);
  }

  list(portalId?: number): WebhookSubscription[] {
    return [...this.subscriptions.values()].filter((s) => portalId === undefined || s.portalId === portalId);
  }

  /** Send events (filled in with ids, portal and app) to every subscription of the portal. */
  emit(portalId: number, events: HandMadeEvent | HandMadeEvent[]): void {
    const list = Array.isArray(events) ? events : [events];
    for (const sub of this.list(portalId)) {
      for (const e of list) this.enqueue(sub, e);
    }
  }

  /** Turn a record change into the events HubSpot would send to matching subscriptions. */
  onRecordEvent(e: RecordEvent): void {
    for (const sub of this.list(e.portalId)) {
      const base = { objectId: Number(e.objectId), occurredAt: e.at };
      if (e.kind === 'created') {
        const created = { ...base, changeFlag: 'CREATED' };
        if (e.objectTypeId === '0-1' && sub.events.includes('contact.creation')) {
          this.enqueue(sub, { ...created, subscriptionType: 'contact.creation' });
        } else if (e.objectTypeId === '0-3' && sub.events.includes('deal.creation')) {
          this.enqueue(sub, { ...created, subscriptionType: 'deal.creation' });
        } else if (
          (e.objectTypeId === '0-48' && sub.events.includes('call.creation')) ||
          (e.objectTypeId === '0-47' && sub.events.includes('meeting.creation'))
        ) {
          // Engagements only exist in HubSpot's generic webhook format, which names the type by id.
          this.enqueue(sub, { ...created, subscriptionType: 'object.creation', objectTypeId: e.objectTypeId });
        }
      } else if (e.kind === 'propertyChanged') {
        const change = { ...base, propertyName: e.propertyName, propertyValue: e.value };
        if (
          e.objectTypeId === '0-3' &&
          sub.events.includes('deal.propertyChange') &&
          sub.dealProperties.includes(e.propertyName)
        ) {
          this.enqueue(sub, { ...change, subscriptionType: 'deal.propertyChange' });
        } else if (
          e.objectTypeId === '0-27' &&
          e.propertyName === 'hs_task_status' &&
          sub.events.includes('task.propertyChange')
        ) {
          this.enqueue(sub, { ...change, subscriptionType: 'object.propertyChange', objectTypeId: '0-27' });
        }
      }
    }
  }

  /** Resolves once every queued event has been delivered or has run out of retries. */
  idle(): Promise<void> {
    if (this.activity === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queues.clear();
    this.activity = 0;
    this.settle();
  }

  private enqueue(sub: WebhookSubscription, partial: HandMadeEvent): void {
    if (this.closed) return;
    const event: WebhookEvent = {
      eventId: this.nextEventId++,
      subscriptionId: sub.id,
      portalId: sub.portalId,
      appId: sub.appId,
      occurredAt: this.clock(),
      attemptNumber: 0,
      objectId: 0,
      changeSource: 'INTEGRATION',
      ...partial,
    };
    let queue = this.queues.get(sub.id);
    if (!queue) {
      queue = [];
      this.queues.set(sub.id, queue);
      // Events written in the same tick travel together, as HubSpot batches them.
      this.begin();
      setImmediate(() => {
        const batch = this.queues.get(sub.id) ?? [];
        this.queues.delete(sub.id);
        for (let i = 0; i < batch.length; i += 100) void this.deliver(sub, batch.slice(i, i + 100), 0);
        this.end();
      });
    }
    queue.push(event);
  }

  private async deliver(sub: WebhookSubscription, events: WebhookEvent[], attemptNumber: number): Promise<void> {
    if (this.closed) return;
    this.begin();
    const payload = events.map((e) => ({ ...e, attemptNumber }));
    const body = JSON.stringify(payload);
    const timestamp = this.clock();
    const delivery: WebhookDelivery = {
      subscriptionId: sub.id,
      targetUrl: sub.targetUrl,
      attemptNumber,
      events: payload,
      status: null,
      at: timestamp,
    };
    try {
      const res = await fetch(sub.targetUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) - HubSpot emulator',
          'X-HubSpot-Signature': signatureV1(sub.clientSecret, body),
          'X-HubSpot-Signature-Version': 'v1',
          'X-HubSpot-Signature-v3': signatureV3(sub.clientSecret, 'POST', sub.targetUrl, body, timestamp),
          'X-HubSpot-Request-Timestamp': String(timestamp),
        },
        body,
        signal: AbortSignal.timeout(5000),
      });
      delivery.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      delivery.error = err instanceof Error ? err.message : String(err);
    }
    this.deliveries.push(delivery);
    const ok = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
    if (!ok && attemptNumber < this.options.maxRetries && !this.closed) {
      this.begin();
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          void this.deliver(sub, events, attemptNumber + 1);
          this.end();
        },
        this.options.retryDelayMs * 2 ** attemptNumber,
      );
      this.timers.add(timer);
    }
    this.end();
  }

  private begin(): void {
    this.activity += 1;
  }

  private end(): void {
    this.activity = Math.max(0, this.activity - 1);
    this.settle();
  }

  private settle(): void {
    if (this.activity > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
