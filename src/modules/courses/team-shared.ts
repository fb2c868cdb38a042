import type { Actor, ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { unauthenticated } from '../../platform/errors/index.ts';
import type { LoadedCourse } from './core.ts';

/**
 * Writes one audit entry about a course. Every entry carries the lead institution, so the lead's
 * admins find all changes to the courses they lead in one place.
 */
export async function auditCourse(
  tx: Executor,
  ctx: ServiceContext,
  course: LoadedCourse,
  entry: {
    action: string;
    objectType?: string;
    objectId?: string | number;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    at: Date;
  },
): Promise<void> {
  await recordAudit(tx, {
    actorId: ctx.actor?.userId ?? null,
    action: entry.action,
    objectType: entry.objectType ?? 'course',
    objectId: entry.objectId ?? course.id,
    institutionId: course.leadInstitutionId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

/** The acting person, for writes that record who did them; the system actor records no one. */
export function actingUserId(ctx: ServiceContext): string | null {
  return ctx.actor && ctx.actor.via !== 'system' ? ctx.actor.userId : null;
}

/** A signed-in person (not the system actor), for actions only a person can take. */
export function requirePerson(ctx: ServiceContext): Actor {
  if (!ctx.actor || ctx.actor.via === 'system') throw unauthenticated();
  return ctx.actor;
}
