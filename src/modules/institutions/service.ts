import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { createMemoryCache, type ReadCache } from '../../platform/cache/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { conflict, forbidden, notFound } from '../../platform/errors/index.ts';
import { canCreateInstitution, canManageInstitution, canSetMembershipStatus } from './policies.ts';
import {
  countInstitutions,
  selectAllianceSummary,
  selectDirectory,
  selectInstitutionById,
  selectInstitutionByKey,
  selectInstitutionsByIds,
  toInstitution,
} from './queries.ts';
import { insInstitution, MEMBERSHIP_STATUSES } from './schema.ts';
import type { AllianceSummary, DirectoryFilter, DirectoryPage, Institution, MembershipStatus } from './types.ts';
import {
  newInstitutionSchema,
  parseInput,
  profileChangesSchema,
  type NewInstitution,
  type ProfileChanges,
} from './validation.ts';
import { z } from 'zod';

/*
 * The directory is read on every anonymous page view and changes a few times a year, so reads
 * go through a short-lived cache per database; writes here clear it at once, and other app
 * processes catch up within the TTL.
 */
const DIRECTORY_TTL_MS = 30_000;
const directoryCaches = new WeakMap<object, ReadCache>();

function directoryCache(executor: Executor): ReadCache {
  let cache = directoryCaches.get(executor);
  if (!cache) {
    cache = createMemoryCache({ ttlMs: DIRECTORY_TTL_MS, maxEntries: 500 });
    directoryCaches.set(executor, cache);
  }
  return cache;
}

const directoryVersions = new WeakMap<object, number>();

function clearDirectoryCache(executor: Executor): void {
  directoryCaches.get(executor)?.clear();
  directoryVersions.set(executor, readDirectoryVersion(executor) + 1);
}

/** Changes whenever this process changes the directory; caches of rendered pages key on it. */
export function readDirectoryVersion(executor: Executor): number {
  return directoryVersions.get(executor) ?? 0;
}

/** The public directory (members and founding members), or every institution with visibility 'all'. */
export function listInstitutions(executor: Executor, filter: DirectoryFilter = {}): Promise<DirectoryPage> {
  return directoryCache(executor).getOrLoad(`list:${JSON.stringify(filter)}`, () => selectDirectory(executor, filter));
}

/** Any institution by key, whatever its status; callers decide who may see it (canViewInstitution). */
export function getInstitutionByKey(executor: Executor, key: string): Promise<Institution | null> {
  return directoryCache(executor).getOrLoad(`key:${key}`, () => selectInstitutionByKey(executor, key));
}

export function getInstitutionById(executor: Executor, id: number): Promise<Institution | null> {
  return selectInstitutionById(executor, id);
}

/** Several institutions at once (the owners of a course), whatever their status; unknown ids are skipped. */
export function listInstitutionsByIds(executor: Executor, ids: readonly number[]): Promise<Institution[]> {
  return selectInstitutionsByIds(executor, ids);
}

export function summarizeAlliance(executor: Executor): Promise<AllianceSummary> {
  return directoryCache(executor).getOrLoad('summary', () => selectAllianceSummary(executor));
}

export async function hasAnyInstitution(executor: Executor): Promise<boolean> {
  return (await countInstitutions(executor)) > 0;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Secretariat only. Errors: forbidden, invalid (bad fields), conflict 'institution.key_taken'. */
export async function createInstitution(ctx: ServiceContext, input: NewInstitution): Promise<Institution> {
  if (!canCreateInstitution(ctx.actor)) throw forbidden();
  const data = parseInput(newInstitutionSchema, input, 'institution.invalid');
  const now = ctx.clock.now();
  const status = data.membershipStatus ?? 'applicant';
  const listed = status === 'member' || status === 'founding_member';
  try {
    const created = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(insInstitution)
        .values({
          key: data.key,
          type: data.type,
          name: data.name,
          shortName: data.shortName ?? data.name.en ?? data.key,
          country: data.country,
          city: data.city ?? '',
          website: data.website ?? null,
          logoUrl: data.logoUrl ?? null,
          description: data.description ?? {},
          membershipStatus: status,
          joinedOn: data.joinedOn ?? (listed ? isoDate(now) : null),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const institution = toInstitution(row!);
      await recordAudit(tx, {
        actorId: ctx.actor!.userId,
        action: 'institution.created',
        objectType: 'institution',
        objectId: institution.id,
        institutionId: institution.id,
        after: { key: institution.key, type: institution.type, country: institution.country, status },
        at: now,
      });
      return institution;
    });
    clearDirectoryCache(ctx.db);
    return created;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('institution.key_taken', 'An institution with this key already exists.');
    throw error;
  }
}

/** That institution's admin or the secretariat. Errors: forbidden, not_found, invalid. */
export async function updateInstitutionProfile(
  ctx: ServiceContext,
  institutionId: number,
  changes: ProfileChanges,
): Promise<Institution> {
  if (!canManageInstitution(ctx.actor, institutionId)) throw forbidden();
  const data = parseInput(profileChangesSchema, changes, 'institution.invalid');
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await selectInstitutionById(tx, institutionId, { forUpdate: true });
    if (!before) throw notFound('institution');
    const [row] = await tx
      .update(insInstitution)
      .set({ ...data, updatedAt: now })
      .where(eq(insInstitution.id, institutionId))
      .returning();
    const changed = Object.keys(data) as Array<keyof typeof data>;
    await recordAudit(tx, {
      actorId: ctx.actor!.userId,
      action: 'institution.profile_updated',
      objectType: 'institution',
      objectId: institutionId,
      institutionId,
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: data,
      at: now,
    });
    return toInstitution(row!);
  });
  clearDirectoryCache(ctx.db);
  return updated;
}

const statusSchema = z.enum(MEMBERSHIP_STATUSES);

/** Secretariat only; admitting a member sets the date joined when it has none yet. */
export async function setMembershipStatus(
  ctx: ServiceContext,
  institutionId: number,
  status: MembershipStatus,
): Promise<Institution> {
  if (!canSetMembershipStatus(ctx.actor)) throw forbidden();
  const next = parseInput(statusSchema, status, 'institution.invalid_status');
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await selectInstitutionById(tx, institutionId, { forUpdate: true });
    if (!before) throw notFound('institution');
    const admitted = next === 'member' || next === 'founding_member';
    const [row] = await tx
      .update(insInstitution)
      .set({
        membershipStatus: next,
        joinedOn: before.joinedOn ?? (admitted ? isoDate(now) : null),
        updatedAt: now,
      })
      .where(eq(insInstitution.id, institutionId))
      .returning();
    await recordAudit(tx, {
      actorId: ctx.actor!.userId,
      action: 'institution.status_changed',
      objectType: 'institution',
      objectId: institutionId,
      institutionId,
      before: { membershipStatus: before.membershipStatus },
      after: { membershipStatus: next },
      at: now,
    });
    return toInstitution(row!);
  });
  clearDirectoryCache(ctx.db);
  return updated;
}
