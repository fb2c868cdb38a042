import { sql } from 'drizzle-orm';
import { bigint, check, date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { idnUser } from '../identity/schema.ts';

export const INSTITUTION_TYPES = [
  'university',
  'mooc_platform',
  'research_centre',
  'agency',
  'industry_partner',
  'ngo',
] as const;
export const MEMBERSHIP_STATUSES = ['applicant', 'member', 'founding_member', 'suspended'] as const;
export const INSTITUTION_ROLES = ['admin', 'instructor', 'registrar', 'qa_reviewer'] as const;

/** The allowed values, repeated as database checks so no path can store anything else. */
function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/** Text in several languages: BCP 47 tag → text; English is always present. */
export type LocalizedText = Record<string, string>;

export const insInstitution = pgTable(
  'ins_institution',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    key: text().notNull().unique(),
    type: text({ enum: INSTITUTION_TYPES }).notNull(),
    name: jsonb().$type<LocalizedText>().notNull(),
    shortName: text().notNull(),
    country: text().notNull(),
    city: text().notNull().default(''),
    website: text(),
    logoUrl: text(),
    description: jsonb().$type<LocalizedText>().notNull().default({}),
    membershipStatus: text({ enum: MEMBERSHIP_STATUSES }).notNull().default('applicant'),
    joinedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('ins_institution_country_idx').on(table.country),
    check('ins_institution_country_format', sql`${table.country} ~ '^[A-Z]{2}$'`),
    check('ins_institution_key_format', sql`${table.key} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    check('ins_institution_type_valid', sql.raw(`type in (${sqlList(INSTITUTION_TYPES)})`)),
    check('ins_institution_status_valid', sql.raw(`membership_status in (${sqlList(MEMBERSHIP_STATUSES)})`)),
  ],
);

export const insMembership = pgTable(
  'ins_membership',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    role: text({ enum: INSTITUTION_ROLES }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('ins_membership_unique').on(table.institutionId, table.userId, table.role),
    index('ins_membership_user_idx').on(table.userId),
    check('ins_membership_role_valid', sql.raw(`role in (${sqlList(INSTITUTION_ROLES)})`)),
  ],
);

export const insInvitation = pgTable(
  'ins_invitation',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: text({ enum: INSTITUTION_ROLES }).notNull(),
    tokenHash: text().notNull().unique(),
    invitedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('ins_invitation_institution_idx').on(table.institutionId),
    check('ins_invitation_role_valid', sql.raw(`role in (${sqlList(INSTITUTION_ROLES)})`)),
  ],
);
