import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { idnUser } from '../identity/schema.ts';
import { insInstitution } from '../institutions/schema.ts';
import { pubEntity, pubPackage, pubPublishLog } from '../publishing/schema.ts';
import type { GradingPolicy, ReleaseSummary } from './model.ts';

export const OWNER_ROLES = ['lead', 'partner'] as const;
export const TEAM_ROLES = ['lead_instructor', 'instructor', 'author', 'teaching_assistant'] as const;
export const PACINGS = ['self_paced', 'scheduled'] as const;
export const CERTIFICATE_POLICIES = ['none', 'free_on_pass'] as const;
export const MEDIA_PURPOSES = ['image', 'video', 'captions', 'poster', 'file'] as const;

function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/**
 * A course: its content lives in a publishing package (the root entity carries the versioned
 * metadata and the section order); ownership, team, releases and runs are live rows here.
 */
export const crsCourse = pgTable(
  'crs_course',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    key: text().notNull().unique(),
    packageId: bigint({ mode: 'number' })
      .notNull()
      .unique()
      .references(() => pubPackage.id, { onDelete: 'restrict' }),
    rootEntityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => pubEntity.id, { onDelete: 'restrict' }),
    leadInstitutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'restrict' }),
    /** The newest release; null until the first publish. */
    latestReleaseId: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('crs_course_lead_idx').on(table.leadInstitutionId),
    check('crs_course_key_format', sql`${table.key} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
  ],
);

export const crsOwner = pgTable(
  'crs_owner',
  {
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'restrict' }),
    role: text({ enum: OWNER_ROLES }).notNull(),
    position: integer().notNull().default(0),
    addedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.courseId, table.institutionId] }),
    index('crs_owner_institution_idx').on(table.institutionId),
    check('crs_owner_role_valid', sql.raw(`role in (${sqlList(OWNER_ROLES)})`)),
  ],
);

export const crsTeamMember = pgTable(
  'crs_team_member',
  {
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    /** The owning institution the person teaches for. */
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'restrict' }),
    role: text({ enum: TEAM_ROLES }).notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull(),
    addedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [
    primaryKey({ columns: [table.courseId, table.userId] }),
    index('crs_team_member_user_idx').on(table.userId),
    check('crs_team_member_role_valid', sql.raw(`role in (${sqlList(TEAM_ROLES)})`)),
  ],
);

export const crsTeamInvitation = pgTable(
  'crs_team_invitation',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: text({ enum: TEAM_ROLES }).notNull(),
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'restrict' }),
    tokenHash: text().notNull().unique(),
    invitedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('crs_team_invitation_course_idx').on(table.courseId),
    index('crs_team_invitation_email_idx').on(table.email),
    check('crs_team_invitation_role_valid', sql.raw(`role in (${sqlList(TEAM_ROLES)})`)),
  ],
);

/** A published version of a whole course: every entity of the tree pinned to a version. */
export const crsRelease = pgTable(
  'crs_release',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    publishLogId: bigint({ mode: 'number' })
      .notNull()
      .references(() => pubPublishLog.id, { onDelete: 'restrict' }),
    /** entity id → version id for the root and everything reachable from it. */
    manifest: jsonb().$type<Record<string, number>>().notNull(),
    summary: jsonb().$type<ReleaseSummary>().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    publishedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [unique('crs_release_number_unique').on(table.courseId, table.number)],
);

/** An edition of a course: dates, pacing and the release it serves. */
export const crsRun = pgTable(
  'crs_run',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    pacing: text({ enum: PACINGS }).notNull(),
    language: text().notNull(),
    enrollmentOpensAt: timestamp({ withTimezone: true }),
    enrollmentClosesAt: timestamp({ withTimezone: true }),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    releaseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsRelease.id, { onDelete: 'restrict' }),
    capacity: integer(),
    certificatePolicy: text({ enum: CERTIFICATE_POLICIES }).notNull().default('none'),
    gradingPolicy: jsonb().$type<GradingPolicy>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('crs_run_code_unique').on(table.courseId, table.code),
    index('crs_run_starts_idx').on(table.startsAt),
    check('crs_run_code_format', sql`${table.code} ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'`),
    check('crs_run_pacing_valid', sql.raw(`pacing in (${sqlList(PACINGS)})`)),
    check('crs_run_certificate_valid', sql.raw(`certificate_policy in (${sqlList(CERTIFICATE_POLICIES)})`)),
    check('crs_run_capacity_positive', sql`${table.capacity} is null or ${table.capacity} > 0`),
    check(
      'crs_run_dates_ordered',
      sql`${table.startsAt} is null or ${table.endsAt} is null or ${table.startsAt} < ${table.endsAt}`,
    ),
  ],
);

/** A stored file of a course (image, video, captions, poster, document); bytes live in object storage. */
export const crsMedia = pgTable(
  'crs_media',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'cascade' }),
    purpose: text({ enum: MEDIA_PURPOSES }).notNull(),
    storageKey: text().notNull().unique(),
    filename: text().notNull(),
    contentType: text().notNull(),
    byteSize: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('crs_media_course_idx').on(table.courseId),
    check('crs_media_purpose_valid', sql.raw(`purpose in (${sqlList(MEDIA_PURPOSES)})`)),
  ],
);
