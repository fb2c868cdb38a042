import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Actor, ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Database, Executor } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { conflict, forbidden, notFound } from '../../platform/errors/index.ts';
import {
  apiTokenCache,
  forgetApiToken,
  forgetApiTokensOfUser,
  forgetSessionsOfUser,
  forgetUserProfile,
  userKeyOf,
} from './caches.ts';
import type { UserProfile } from './model.ts';
import { hashPassword } from './passwords.ts';
import { parseProfileChanges, type ProfileChanges } from './validation.ts';

export type { ProfileChanges, UserProfile };
import { idnAccount, idnApiToken, idnSession, idnUser } from './schema.ts';

export type ApiTokenSummary = {
  uuid: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
};

const profileColumns = {
  id: idnUser.id,
  name: idnUser.name,
  email: idnUser.email,
  emailVerified: idnUser.emailVerified,
  country: idnUser.country,
  locale: idnUser.locale,
  bio: idnUser.bio,
  platformRole: idnUser.platformRole,
  suspendedAt: idnUser.suspendedAt,
  createdAt: idnUser.createdAt,
};

type ProfileRow = { suspendedAt: Date | null } & Omit<UserProfile, 'suspended'>;

function toProfile({ suspendedAt, ...row }: ProfileRow): UserProfile {
  return { ...row, suspended: suspendedAt !== null };
}

export async function getUserProfile(executor: Executor, userId: string): Promise<UserProfile | null> {
  const [row] = await executor.select(profileColumns).from(idnUser).where(eq(idnUser.id, userId)).limit(1);
  return row ? toProfile(row) : null;
}

/** Profiles of many users in one query, in no particular order; unknown ids are skipped. */
export async function listUserProfiles(executor: Executor, userIds: readonly string[]): Promise<UserProfile[]> {
  if (userIds.length === 0) return [];
  const rows = await executor
    .select(profileColumns)
    .from(idnUser)
    .where(inArray(idnUser.id, [...userIds]));
  return rows.map(toProfile);
}

export async function findUserByEmail(executor: Executor, email: string): Promise<UserProfile | null> {
  const [row] = await executor
    .select(profileColumns)
    .from(idnUser)
    .where(eq(idnUser.email, email.trim().toLowerCase()))
    .limit(1);
  return row ? toProfile(row) : null;
}

function requireSelf(ctx: ServiceContext): Actor {
  if (!ctx.actor || ctx.actor.via === 'system') throw forbidden();
  return ctx.actor;
}

export async function updateCurrentProfile(ctx: ServiceContext, input: ProfileChanges): Promise<UserProfile> {
  const actor = requireSelf(ctx);
  const changes = parseProfileChanges(input);
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await getUserProfile(tx, actor.userId);
    if (!before) throw notFound('user');
    const [row] = await tx
      .update(idnUser)
      .set({ ...changes, updatedAt: ctx.clock.now() })
      .where(eq(idnUser.id, actor.userId))
      .returning(profileColumns);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'user.profile_updated',
      objectType: 'user',
      objectId: actor.userId,
      before: pick(before, Object.keys(changes)),
      after: changes,
      at: ctx.clock.now(),
    });
    return toProfile(row!);
  });
  forgetUserProfile(actor.userId);
  return updated;
}

/** Grants or removes the platform-wide secretariat role; only the secretariat may do it. */
export async function setPlatformRole(
  ctx: ServiceContext,
  userId: string,
  role: 'secretariat' | null,
): Promise<UserProfile> {
  if (!ctx.actor?.isSecretariat) throw forbidden();
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await getUserProfile(tx, userId);
    if (!before) throw notFound('user');
    const [row] = await tx
      .update(idnUser)
      .set({ platformRole: role, updatedAt: ctx.clock.now() })
      .where(eq(idnUser.id, userId))
      .returning(profileColumns);
    await recordAudit(tx, {
      actorId: ctx.actor!.userId,
      action: 'user.platform_role_changed',
      objectType: 'user',
      objectId: userId,
      before: { platformRole: before.platformRole },
      after: { platformRole: role },
      at: ctx.clock.now(),
    });
    return toProfile(row!);
  });
  forgetUserProfile(userId);
  return updated;
}

export type NewAccount = {
  email: string;
  password: string;
  name: string;
  emailVerified?: boolean;
  secretariat?: boolean;
  country?: string | null;
  locale?: string | null;
};

/**
 * Creates an account directly, in Better Auth's storage format, for the CLI and demo data where
 * no verification mail should go out. Sign-up by people goes through Better Auth itself.
 */
export async function createAccount(ctx: ServiceContext, account: NewAccount): Promise<UserProfile> {
  if (ctx.actor?.via !== 'system' && !ctx.actor?.isSecretariat) throw forbidden();
  const passwordHash = await hashPassword(account.password);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const id = randomUUID();
      const [row] = await tx
        .insert(idnUser)
        .values({
          id,
          email: account.email.trim().toLowerCase(),
          name: account.name,
          emailVerified: account.emailVerified ?? true,
          platformRole: account.secretariat ? 'secretariat' : null,
          country: account.country ?? null,
          locale: account.locale ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning(profileColumns);
      await tx.insert(idnAccount).values({
        id: randomUUID(),
        accountId: id,
        providerId: 'credential',
        userId: id,
        password: passwordHash,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, {
        actorId: ctx.actor!.userId,
        action: 'user.created',
        objectType: 'user',
        objectId: id,
        after: { email: account.email.trim().toLowerCase(), secretariat: !!account.secretariat },
        at: now,
      });
      return toProfile(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('user.email_taken', 'An account with this email already exists.');
    throw error;
  }
}

const TOKEN_PREFIX = 'orb_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(
  ctx: ServiceContext,
  input: { name: string; expiresInDays?: number | null },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const actor = requireSelf(ctx);
  // A leaked token must not be able to mint more tokens that outlive its revocation.
  if (actor.via !== 'session') throw forbidden('Personal API tokens can only be created from a browser session.');
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(idnApiToken)
      .values({
        userId: actor.userId,
        name: input.name,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'api_token.created',
      objectType: 'api_token',
      objectId: row!.uuid,
      after: { name: input.name, expiresAt: expiresAt?.toISOString() ?? null },
      at: now,
    });
    return { token, summary: toTokenSummary(row!) };
  });
}

function toTokenSummary(row: typeof idnApiToken.$inferSelect): ApiTokenSummary {
  return {
    uuid: row.uuid,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
  };
}

export async function listApiTokens(ctx: ServiceContext): Promise<ApiTokenSummary[]> {
  const actor = requireSelf(ctx);
  const rows = await ctx.db
    .select()
    .from(idnApiToken)
    .where(and(eq(idnApiToken.userId, actor.userId), isNull(idnApiToken.revokedAt)))
    .orderBy(desc(idnApiToken.id));
  return rows.map(toTokenSummary);
}

export async function revokeApiToken(ctx: ServiceContext, uuid: string): Promise<void> {
  const actor = requireSelf(ctx);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(idnApiToken)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(idnApiToken.uuid, uuid), eq(idnApiToken.userId, actor.userId), isNull(idnApiToken.revokedAt)))
      .returning();
    if (!row) throw notFound('api_token');
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'api_token.revoked',
      objectType: 'api_token',
      objectId: uuid,
      at: ctx.clock.now(),
    });
  });
  forgetApiToken(uuid);
}

/**
 * Returns the owner of a valid, unexpired, unrevoked token, or null. A token seen valid is
 * remembered for the hot-path TTL (ADR 0021), so `lastUsedAt` moves at most once per TTL and
 * process; revocation and suspension here forget it at once, its own expiry is checked each time.
 */
export async function authenticateApiToken(db: Database, clock: Clock, token: string): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const found = await apiTokenCache.getOrLoad(userKeyOf(db, tokenHash), () => useApiToken(db, clock, tokenHash));
  if (!found || (found.expiresAt !== null && found.expiresAt <= clock.now().getTime())) return null;
  return found.userId;
}

async function useApiToken(db: Database, clock: Clock, tokenHash: string) {
  const now = clock.now();
  const [row] = await db
    .update(idnApiToken)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(idnApiToken.tokenHash, tokenHash),
        isNull(idnApiToken.revokedAt),
        or(isNull(idnApiToken.expiresAt), gt(idnApiToken.expiresAt, now)),
      ),
    )
    .returning({ userId: idnApiToken.userId, uuid: idnApiToken.uuid, expiresAt: idnApiToken.expiresAt });
  return row ? { userId: row.userId, uuid: row.uuid, expiresAt: row.expiresAt?.getTime() ?? null } : null;
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (source as Record<string, unknown>)[key]]));
}

/**
 * Suspends or reinstates an account (secretariat only). Suspension ends every session and
 * revokes every API token at once, so access stops with the next request.
 */
export async function setAccountSuspension(
  ctx: ServiceContext,
  userId: string,
  suspended: boolean,
): Promise<UserProfile> {
  if (!ctx.actor?.isSecretariat) throw forbidden();
  if (ctx.actor.userId === userId) throw conflict('user.cannot_suspend_self', 'You cannot suspend your own account.');
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await getUserProfile(tx, userId);
    if (!before) throw notFound('user');
    const [row] = await tx
      .update(idnUser)
      .set({ suspendedAt: suspended ? now : null, updatedAt: now })
      .where(eq(idnUser.id, userId))
      .returning(profileColumns);
    if (suspended) {
      await tx.delete(idnSession).where(eq(idnSession.userId, userId));
      await tx
        .update(idnApiToken)
        .set({ revokedAt: now })
        .where(and(eq(idnApiToken.userId, userId), isNull(idnApiToken.revokedAt)));
    }
    await recordAudit(tx, {
      actorId: ctx.actor!.userId,
      action: suspended ? 'user.suspended' : 'user.reinstated',
      objectType: 'user',
      objectId: userId,
      before: { suspended: before.suspended },
      after: { suspended },
      at: now,
    });
    return toProfile(row!);
  });
  forgetUserProfile(userId);
  if (suspended) {
    forgetSessionsOfUser(userId);
    forgetApiTokensOfUser(userId);
  }
  return updated;
}
