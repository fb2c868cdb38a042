import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Transaction } from '../../platform/db/index.ts';
import { conflict, forbidden, notFound } from '../../platform/errors/index.ts';
import { getUserProfile, listUserProfiles } from '../identity/index.ts';
import { canManageInstitution } from './policies.ts';
import { forgetActorMemberships } from './memberships.ts';
import { selectInstitutionById } from './queries.ts';
import { INSTITUTION_ROLES, insMembership } from './schema.ts';
import type { InstitutionPerson, InstitutionRole } from './types.ts';
import { parseInput } from './validation.ts';

const rolesSchema = z.array(z.enum(INSTITUTION_ROLES)).max(INSTITUTION_ROLES.length);

function requireManager(ctx: ServiceContext, institutionId: number): string {
  if (!canManageInstitution(ctx.actor, institutionId)) throw forbidden();
  return ctx.actor!.userId;
}

/** Locks the institution so that two concurrent changes cannot both remove "the other" admin. */
async function lockInstitution(tx: Transaction, institutionId: number): Promise<void> {
  if (!(await selectInstitutionById(tx, institutionId, { forUpdate: true }))) throw notFound('institution');
}

async function listRolesOf(tx: Transaction, institutionId: number, userId: string): Promise<InstitutionRole[]> {
  const rows = await tx
    .select({ role: insMembership.role })
    .from(insMembership)
    .where(and(eq(insMembership.institutionId, institutionId), eq(insMembership.userId, userId)))
    .orderBy(asc(insMembership.role));
  return rows.map((row) => row.role);
}

async function countOtherAdmins(tx: Transaction, institutionId: number, userId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(insMembership)
    .where(
      and(
        eq(insMembership.institutionId, institutionId),
        eq(insMembership.role, 'admin'),
        ne(insMembership.userId, userId),
      ),
    );
  return Number(row?.count ?? 0);
}

async function ensureAdminRemains(tx: Transaction, institutionId: number, userId: string): Promise<void> {
  if ((await countOtherAdmins(tx, institutionId, userId)) === 0) {
    throw conflict('institution.last_admin', 'An institution must keep at least one admin.');
  }
}

/** People with at least one role at the institution; its admins and the secretariat only. */
export async function listInstitutionPeople(ctx: ServiceContext, institutionId: number): Promise<InstitutionPerson[]> {
  requireManager(ctx, institutionId);
  const rows = await ctx.db
    .select({ userId: insMembership.userId, role: insMembership.role })
    .from(insMembership)
    .where(eq(insMembership.institutionId, institutionId))
    .orderBy(asc(insMembership.createdAt), asc(insMembership.role));
  const rolesByUser = new Map<string, InstitutionRole[]>();
  for (const row of rows) rolesByUser.set(row.userId, [...(rolesByUser.get(row.userId) ?? []), row.role]);
  const profiles = new Map(
    (await listUserProfiles(ctx.db, [...rolesByUser.keys()])).map((profile) => [profile.id, profile]),
  );
  return [...rolesByUser].flatMap(([userId, roles]) => {
    const profile = profiles.get(userId);
    return profile ? [{ userId, name: profile.name, email: profile.email, roles }] : [];
  });
}

/** Adds one role (no-op when held already); used by invitations' acceptance, the CLI and demo data. */
export async function addMember(
  ctx: ServiceContext,
  input: { institutionId: number; userId: string; role: InstitutionRole },
): Promise<void> {
  const actorId = requireManager(ctx, input.institutionId);
  const role = parseInput(z.enum(INSTITUTION_ROLES), input.role, 'institution.invalid_role');
  await ctx.db.transaction(async (tx) => {
    await lockInstitution(tx, input.institutionId);
    if (!(await getUserProfile(tx, input.userId))) throw notFound('user');
    await insertMembership(tx, { ...input, role }, ctx.clock.now(), actorId);
  });
  forgetActorMemberships(input.userId);
}

export async function insertMembership(
  tx: Transaction,
  input: { institutionId: number; userId: string; role: InstitutionRole },
  now: Date,
  actorId: string,
): Promise<boolean> {
  const inserted = await tx
    .insert(insMembership)
    .values({ ...input, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: insMembership.id });
  if (inserted.length === 0) return false;
  await recordAudit(tx, {
    actorId,
    action: 'institution.member_added',
    objectType: 'user',
    objectId: input.userId,
    institutionId: input.institutionId,
    before: null,
    after: { role: input.role },
    at: now,
  });
  return true;
}

/** Replaces a person's roles at the institution. Errors: forbidden, not_found, conflict 'institution.last_admin'. */
export async function changeMemberRoles(
  ctx: ServiceContext,
  institutionId: number,
  userId: string,
  roles: readonly InstitutionRole[],
): Promise<InstitutionRole[]> {
  const actorId = requireManager(ctx, institutionId);
  const next = [...new Set(parseInput(rolesSchema, roles, 'institution.invalid_role'))].sort();
  const now = ctx.clock.now();
  const changed = await ctx.db.transaction(async (tx) => {
    await lockInstitution(tx, institutionId);
    const before = await listRolesOf(tx, institutionId, userId);
    if (before.length === 0) throw notFound('membership');
    if (before.includes('admin') && !next.includes('admin')) await ensureAdminRemains(tx, institutionId, userId);
    const removed = before.filter((role) => !next.includes(role));
    const added = next.filter((role) => !before.includes(role));
    if (removed.length > 0) {
      await tx
        .delete(insMembership)
        .where(
          and(
            eq(insMembership.institutionId, institutionId),
            eq(insMembership.userId, userId),
            inArray(insMembership.role, removed),
          ),
        );
    }
    if (added.length > 0) {
      await tx.insert(insMembership).values(added.map((role) => ({ institutionId, userId, role, createdAt: now })));
    }
    await recordAudit(tx, {
      actorId,
      action: 'institution.member_roles_changed',
      objectType: 'user',
      objectId: userId,
      institutionId,
      before: { roles: before },
      after: { roles: next },
      at: now,
    });
    return next;
  });
  forgetActorMemberships(userId);
  return changed;
}

/** Removes every role the person holds at the institution. Errors as for changeMemberRoles. */
export async function removeMember(ctx: ServiceContext, institutionId: number, userId: string): Promise<void> {
  const actorId = requireManager(ctx, institutionId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockInstitution(tx, institutionId);
    const before = await listRolesOf(tx, institutionId, userId);
    if (before.length === 0) throw notFound('membership');
    if (before.includes('admin')) await ensureAdminRemains(tx, institutionId, userId);
    await tx
      .delete(insMembership)
      .where(and(eq(insMembership.institutionId, institutionId), eq(insMembership.userId, userId)));
    await recordAudit(tx, {
      actorId,
      action: 'institution.member_removed',
      objectType: 'user',
      objectId: userId,
      institutionId,
      before: { roles: before },
      after: { roles: [] },
      at: now,
    });
  });
  forgetActorMemberships(userId);
}
