import { and, desc, eq } from 'drizzle-orm';
import { getRequestScope } from '../context/index.ts';
import type { Executor } from '../db/index.ts';
import { auditEvent } from './schema.ts';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  objectType: string;
  objectId?: string | number | null;
  institutionId?: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at?: Date;
};

export type AuditRecord = {
  id: number;
  occurredAt: Date;
  actorId: string | null;
  institutionId: number | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
};

/** Writes one audit record in the caller's transaction, tagged with the current request. */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  const scope = getRequestScope();
  await executor.insert(auditEvent).values({
    actorId: entry.actorId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    institutionId: entry.institutionId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    occurredAt: entry.at ?? new Date(),
    requestId: scope?.requestId ?? null,
    ip: scope?.ip ?? null,
  });
}

export async function listAuditEvents(
  executor: Executor,
  filter: { action?: string; objectType?: string; objectId?: string; actorId?: string; limit?: number },
): Promise<AuditRecord[]> {
  const conditions = [
    filter.action ? eq(auditEvent.action, filter.action) : undefined,
    filter.objectType ? eq(auditEvent.objectType, filter.objectType) : undefined,
    filter.objectId ? eq(auditEvent.objectId, filter.objectId) : undefined,
    filter.actorId ? eq(auditEvent.actorId, filter.actorId) : undefined,
  ].filter((condition) => condition !== undefined);
  return executor
    .select()
    .from(auditEvent)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvent.id))
    .limit(filter.limit ?? 100);
}
