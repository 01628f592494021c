/**
 * A deleted or deactivated HubSpot owner must not stop a follow-up task: HubSpot refuses a
 * `hubspot_owner_id` it does not know (INVALID_OWNER_ID), so the write is tried again with the next
 * of the location's owners in turn (skipping the unavailable), and unassigned as a last resort. Owners
 * found invalid are remembered for a while, so the next cases skip them without a failed request.
 */
import type { AppContext } from '../../app-context.ts';
import { nextAvailable } from '../owner-routing.ts';
import type { CrmCase } from '../port.ts';
import { isInvalidOwner } from './errors.ts';

const FORGET_AFTER_MS = 10 * 60_000;

export interface OwnerAttempt<T> {
  result: T;
  ownerId: string | null;
  /** The owner asked for was refused and another (or nobody) took the task. */
  fellBack: boolean;
}

export class OwnerFallback {
  private readonly invalid = new Map<string, number>();

  constructor(
    private readonly ctx: AppContext,
    private readonly accountId: string,
  ) {}

  async run<T>(c: Pick<CrmCase, 'id' | 'locationId'>, wanted: string | null, write: (ownerId: string | null) => Promise<T>): Promise<OwnerAttempt<T>> {
    const tried: string[] = [];
    let ownerId = wanted && !this.isInvalid(wanted) ? wanted : await this.next(c.locationId, wanted, tried);
    for (;;) {
      try {
        return { result: await write(ownerId), ownerId, fellBack: ownerId !== wanted };
      } catch (err) {
        if (ownerId === null || !isInvalidOwner(err)) throw err;
        this.invalid.set(ownerId, Date.now() + FORGET_AFTER_MS);
        this.ctx.logger.warn({ accountId: this.accountId, caseId: c.id, ownerId }, 'HubSpot owner no longer exists; assigning the next owner');
        tried.push(ownerId);
        ownerId = await this.next(c.locationId, ownerId, tried);
      }
    }
  }

  private isInvalid(ownerId: string): boolean {
    const until = this.invalid.get(ownerId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.invalid.delete(ownerId);
    return false;
  }

  /** The location's next available owner after `after`, not tried and not known invalid; null if none. */
  private async next(locationId: string | null, after: string | null, tried: string[]): Promise<string | null> {
    if (!locationId) return null;
    const account = await this.ctx.accounts.get(this.accountId);
    const row = account?.locations.get(locationId)?.row;
    if (!row) return null;
    const skip = [...row.unavailableOwners, ...tried, ...row.owners.filter((o) => this.isInvalid(o))];
    const start = after === null ? 0 : row.owners.indexOf(after) + 1;
    return nextAvailable(row.owners, skip, start)?.ownerId ?? null;
  }
}
