import type { Owner } from './types.ts';

// The PublicOwner JSON of the owners API.

export function ownerView(o: Owner) {
  return {
    id: o.id,
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userIdIncludingInactive,
    type: o.type,
    archived: o.archived,
    teams: o.teams,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
  };
}
