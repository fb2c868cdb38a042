import { eq } from 'drizzle-orm';
import type { Membership } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { insMembership } from './schema.ts';

export async function listMembershipsOfUser(executor: Executor, userId: string): Promise<Membership[]> {
  return executor
    .select({ institutionId: insMembership.institutionId, role: insMembership.role })
    .from(insMembership)
    .where(eq(insMembership.userId, userId));
}
