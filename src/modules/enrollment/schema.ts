import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { crsCourse, crsRun } from '../courses/schema.ts';
import { idnUser } from '../identity/schema.ts';

export const ENROLLMENT_MODES = ['audit', 'verified'] as const;
export const ENROLLMENT_STATUSES = ['active', 'unenrolled'] as const;
export const ENROLLMENT_SOURCES = ['self', 'staff'] as const;

/**
 * A person in a run. One row per (run, person) for ever: unenrolling flips the status, and
 * enrolling again reactivates the same row, so progress and the xAPI registration (`uuid`) survive.
 */
export const enrEnrollment = pgTable(
  'enr_enrollment',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    mode: text({ enum: ENROLLMENT_MODES }).notNull().default('audit'),
    status: text({ enum: ENROLLMENT_STATUSES }).notNull().default('active'),
    source: text({ enum: ENROLLMENT_SOURCES }).notNull().default('self'),
    enrolledAt: timestamp({ withTimezone: true }).notNull(),
    unenrolledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('enr_enrollment_run_user_unique').on(table.runId, table.userId),
    index('enr_enrollment_user_idx').on(table.userId, table.status),
    index('enr_enrollment_run_idx').on(table.runId, table.status),
    check('enr_enrollment_mode_valid', sql`${table.mode} in ('audit', 'verified')`),
    check('enr_enrollment_status_valid', sql`${table.status} in ('active', 'unenrolled')`),
    check('enr_enrollment_source_valid', sql`${table.source} in ('self', 'staff')`),
  ],
);

/**
 * Active enrollments per run, kept in step by every enrollment write: the capacity check is one
 * conditional UPDATE instead of a count under a lock.
 */
export const enrRunSeats = pgTable(
  'enr_run_seats',
  {
    runId: bigint({ mode: 'number' })
      .primaryKey()
      .references(() => crsRun.id, { onDelete: 'cascade' }),
    active: integer().notNull().default(0),
  },
  (table) => [check('enr_run_seats_non_negative', sql`${table.active} >= 0`)],
);
