import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';
import { enrEnrollment } from '../enrollment/schema.ts';

export const COMPLETION_KINDS = ['viewed', 'watched', 'marked', 'submitted'] as const;

/** A block a learner completed in a run; the block is a publishing entity, the version the one seen. */
export const cwrCompletion = pgTable(
  'cwr_completion',
  {
    enrollmentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => enrEnrollment.id, { onDelete: 'cascade' }),
    blockEntityId: bigint({ mode: 'number' }).notNull(),
    versionId: bigint({ mode: 'number' }).notNull(),
    kind: text({ enum: COMPLETION_KINDS }).notNull(),
    completedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.enrollmentId, table.blockEntityId] }),
    check('cwr_completion_kind_valid', sql`${table.kind} in ('viewed', 'watched', 'marked', 'submitted')`),
  ],
);

/**
 * What part of a video a learner has watched, as merged [start, end] second ranges reported by
 * the player; the server decides from them when the video counts as watched.
 */
export const cwrVideoProgress = pgTable(
  'cwr_video_progress',
  {
    enrollmentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => enrEnrollment.id, { onDelete: 'cascade' }),
    blockEntityId: bigint({ mode: 'number' }).notNull(),
    ranges: jsonb().$type<Array<[number, number]>>().notNull().default([]),
    durationSeconds: real().notNull(),
    positionSeconds: real().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.enrollmentId, table.blockEntityId] })],
);

/** Where a learner last was in a run, for "resume". */
export const cwrPosition = pgTable(
  'cwr_position',
  {
    enrollmentId: bigint({ mode: 'number' })
      .primaryKey()
      .references(() => enrEnrollment.id, { onDelete: 'cascade' }),
    unitEntityId: bigint({ mode: 'number' }).notNull(),
    visitedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index('cwr_position_unit_idx').on(table.unitEntityId)],
);
