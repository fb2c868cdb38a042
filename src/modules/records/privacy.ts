import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { forbidden, unauthenticated } from '../../platform/errors/index.ts';

/** How a person asked for their data: the account page or the JSON API. */
export type ExportChannel = 'page' | 'api';

/**
 * Records that a person downloaded their own learning data ('privacy.export'), before the first
 * byte leaves: a copy of someone's data going out is worth a trace even when the download is
 * interrupted. Returns the id of the person whose data may be exported, which is always the
 * actor's own. Errors: unauthenticated, forbidden (the system actor).
 */
export async function openLearningDataExport(ctx: ServiceContext, channel: ExportChannel): Promise<{ userId: string }> {
  if (!ctx.actor) throw unauthenticated();
  if (ctx.actor.via === 'system') throw forbidden('Only a person can export their own learning data.');
  const userId = ctx.actor.userId;
  await recordAudit(ctx.db, {
    actorId: userId,
    action: 'privacy.export',
    objectType: 'user',
    objectId: userId,
    after: { channel, via: ctx.actor.via },
    at: ctx.clock.now(),
  });
  return { userId };
}
