import { eq } from 'drizzle-orm';
import type { Membership } from '../../platform/access/index.ts';
import { createHotPathCache, freezeDeep, scopeKeyOf } from '../../platform/cache/index.ts';
import type { Database, Executor } from '../../platform/db/index.ts';
import { insMembership } from './schema.ts';

export async function listMembershipsOfUser(executor: Executor, userId: string): Promise<Membership[]> {
  return executor
    .select({ institutionId: insMembership.institutionId, role: insMembership.role })
    .from(insMembership)
    .where(eq(insMembership.userId, userId));
}

/*
 * Every request's actor carries the person's roles. They change through this module's services
 * alone, which forget them once committed; other processes see a change within the hot-path
 * TTL (ADR 0021).
 */
const actorMemberships = createHotPathCache<{ userId: string; memberships: readonly Membership[] }>({
  maxEntries: 50_000,
});

/** The roles an actor is built with on every request; shared between requests, hence frozen. */
export async function listActorMemberships(db: Database, userId: string): Promise<readonly Membership[]> {
  const cached = await actorMemberships.getOrLoad(`${scopeKeyOf(db)}|${userId}`, async () =>
    freezeDeep({ userId, memberships: await listMembershipsOfUser(db, userId) }),
  );
  return cached.memberships;
}

/** The cached roles when this process holds them; undefined when they must be loaded. */
export function peekActorMemberships(db: Database, userId: string): readonly Membership[] | undefined {
  const kept = actorMemberships.peek(`${scopeKeyOf(db)}|${userId}`);
  return kept.found ? kept.value.memberships : undefined;
}

/** Called after every committed change to a person's roles. */
export function forgetActorMemberships(userId: string): void {
  actorMemberships.invalidate((value) => value.userId === userId);
}
