/**
 * Who owns a case's follow-up task (contract §6): the person's existing owner when that owner is one
 * of the location's owners, else the next of the location's owners in turn, skipping the unavailable.
 * The choice is stored on the case the first time, so a retried write never advances the turn again.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { locations, missedCalls } from '../store/schema.ts';
import type { OwnerChoice } from './port.ts';

/** Pure: the owner at or after `start` in turn order who is available; null if none is. */
export function nextAvailable(owners: string[], unavailable: string[], start: number): { ownerId: string; index: number } | null {
  const off = new Set(unavailable);
  for (let step = 0; step < owners.length; step++) {
    const index = (((start + step) % owners.length) + owners.length) % owners.length;
    const owner = owners[index]!;
    if (!off.has(owner)) return { ownerId: owner, index };
  }
  return null;
}

export async function chooseOwner(
  db: Db,
  c: { id: string; accountId: string; locationId: string | null },
  existingOwnerId: string | null,
): Promise<OwnerChoice> {
  return db.transaction(async (tx) => {
    const current = (
      await tx
        .select({ ownerId: missedCalls.ownerId, reason: missedCalls.ownerReason })
        .from(missedCalls)
        .where(eq(missedCalls.id, c.id))
        .for('update')
    )[0];
    if (current?.ownerId) return { ownerId: current.ownerId, reason: 'previously_assigned' };
    const location = c.locationId
      ? (
          await tx
            .select()
            .from(locations)
            .where(and(eq(locations.accountId, c.accountId), eq(locations.id, c.locationId)))
            .for('update')
        )[0]
      : undefined;
    let choice: OwnerChoice;
    const owners = location?.owners ?? [];
    const unavailable = location?.unavailableOwners ?? [];
    if (existingOwnerId && owners.includes(existingOwnerId) && !unavailable.includes(existingOwnerId)) {
      choice = { ownerId: existingOwnerId, reason: 'existing_owner' };
    } else {
      const next = location ? nextAvailable(owners, unavailable, location.nextOwnerIndex) : null;
      if (next && location) {
        await tx
          .update(locations)
          .set({ nextOwnerIndex: sql`${next.index + 1}` })
          .where(and(eq(locations.accountId, c.accountId), eq(locations.id, location.id)));
        choice = { ownerId: next.ownerId, reason: 'round_robin' };
      } else {
        choice = { ownerId: null, reason: 'no_owners_configured' };
      }
    }
    await tx.update(missedCalls).set({ ownerId: choice.ownerId, ownerReason: choice.reason }).where(eq(missedCalls.id, c.id));
    return choice;
  });
}
