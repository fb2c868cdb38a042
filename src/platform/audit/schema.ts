import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only record of who did what to which object, with the state before and after. */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: text(),
    institutionId: bigint({ mode: 'number' }),
    action: text().notNull(),
    objectType: text().notNull(),
    objectId: text(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>(),
    requestId: text(),
    ip: text(),
  },
  (table) => [
    index('audit_event_actor_idx').on(table.actorId, table.occurredAt),
    index('audit_event_object_idx').on(table.objectType, table.objectId),
    index('audit_event_institution_idx').on(table.institutionId, table.occurredAt),
  ],
);
