import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { crsCourse, crsRun } from '../courses/schema.ts';
import { idnUser } from '../identity/schema.ts';
import { insInstitution } from '../institutions/schema.ts';

export const CREDENTIAL_KINDS = ['course', 'program'] as const;
export const PROGRAM_RULES = ['all', 'any_n'] as const;

/**
 * An institution's Ed25519 signing keys (or the platform's, with no institution), numbered per owner. The private key is stored
 * sealed by the key-encryption key (never in clear); the public key stays published in the
 * institution's DID document after rotation (`retiredAt`) so what it signed still verifies.
 * A key marked compromised at T is published with `revoked` = T and refuses proofs from T on.
 */
export const credIssuerKey = pgTable(
  'cred_issuer_key',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null for the platform's own key, which signs learner records (CLR). */
    institutionId: bigint({ mode: 'number' }).references(() => insInstitution.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    publicMultikey: text().notNull(),
    sealedPrivateKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    retiredAt: timestamp({ withTimezone: true }),
    compromisedAt: timestamp({ withTimezone: true }),
    compromisedReason: text(),
  },
  (table) => [
    uniqueIndex('cred_issuer_key_number_unique').on(sql`coalesce(${table.institutionId}, 0)`, table.number),
    uniqueIndex('cred_issuer_key_one_active')
      .on(sql`coalesce(${table.institutionId}, 0)`)
      .where(sql`${table.retiredAt} is null and ${table.compromisedAt} is null`),
    check('cred_issuer_key_number_positive', sql`${table.number} > 0`),
  ],
);

/**
 * A Bitstring Status List an institution publishes. `encodedList` is the current list (GZIP,
 * base64url, multibase `u`); `document` the signed BitstringStatusListCredential over it,
 * re-signed in the transaction that changes a bit.
 */
export const credStatusList = pgTable(
  'cred_status_list',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'cascade' }),
    purpose: text({ enum: ['revocation'] })
      .notNull()
      .default('revocation'),
    length: integer().notNull(),
    used: integer().notNull().default(0),
    encodedList: text().notNull(),
    document: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('cred_status_list_institution_idx').on(table.institutionId, table.purpose),
    check('cred_status_list_used_bounded', sql`${table.used} >= 0 and ${table.used} <= ${table.length}`),
  ],
);

/** A program (micro-credential): a set of courses one or more institutions award together. */
export const credProgram = pgTable(
  'cred_program',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    key: text().notNull().unique(),
    leadInstitutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'restrict' }),
    title: jsonb().$type<Record<string, string>>().notNull(),
    description: jsonb().$type<Record<string, string>>().notNull().default({}),
    rule: text({ enum: PROGRAM_RULES }).notNull(),
    requiredCount: integer().notNull(),
    createdBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    check('cred_program_key_format', sql`${table.key} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    check('cred_program_rule_valid', sql`${table.rule} in ('all', 'any_n')`),
    check('cred_program_required_positive', sql`${table.requiredCount} > 0`),
  ],
);

export const credProgramInstitution = pgTable(
  'cred_program_institution',
  {
    programId: bigint({ mode: 'number' })
      .notNull()
      .references(() => credProgram.id, { onDelete: 'cascade' }),
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'restrict' }),
  },
  (table) => [primaryKey({ columns: [table.programId, table.institutionId] })],
);

export const credProgramCourse = pgTable(
  'cred_program_course',
  {
    programId: bigint({ mode: 'number' })
      .notNull()
      .references(() => credProgram.id, { onDelete: 'cascade' }),
    courseId: bigint({ mode: 'number' })
      .notNull()
      .references(() => crsCourse.id, { onDelete: 'restrict' }),
    position: integer().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.programId, table.courseId] }),
    index('cred_program_course_course_idx').on(table.courseId),
  ],
);

/**
 * A credential as issued: the signed document (with its Data Integrity proof) and the VC-JWT
 * over it, both immutable. Exactly one per enrollment (course) or per learner and program,
 * enforced by unique indexes so parallel or repeated triggers cannot issue twice.
 */
export const credCredential = pgTable(
  'cred_credential',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().unique(),
    kind: text({ enum: CREDENTIAL_KINDS }).notNull(),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    institutionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => insInstitution.id, { onDelete: 'restrict' }),
    enrollmentUuid: uuid(),
    runId: bigint({ mode: 'number' }).references(() => crsRun.id, { onDelete: 'set null' }),
    courseId: bigint({ mode: 'number' }).references(() => crsCourse.id, { onDelete: 'set null' }),
    programId: bigint({ mode: 'number' }).references(() => credProgram.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    language: text().notNull(),
    document: jsonb().$type<Record<string, unknown>>().notNull(),
    jwt: text().notNull(),
    statusListId: bigint({ mode: 'number' })
      .notNull()
      .references(() => credStatusList.id, { onDelete: 'restrict' }),
    statusIndex: integer().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    public: boolean().notNull().default(false),
    revokedAt: timestamp({ withTimezone: true }),
    revokedReason: text(),
    revokedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [
    uniqueIndex('cred_credential_enrollment_unique')
      .on(table.enrollmentUuid)
      .where(sql`${table.enrollmentUuid} is not null`),
    uniqueIndex('cred_credential_program_unique')
      .on(table.userId, table.programId)
      .where(sql`${table.programId} is not null`),
    unique('cred_credential_status_unique').on(table.statusListId, table.statusIndex),
    index('cred_credential_user_idx').on(table.userId, table.issuedAt),
    index('cred_credential_institution_idx').on(table.institutionId, table.issuedAt),
    check('cred_credential_kind_valid', sql`${table.kind} in ('course', 'program')`),
    check(
      'cred_credential_kind_source',
      sql`(${table.kind} = 'course' and ${table.enrollmentUuid} is not null) or (${table.kind} = 'program' and ${table.programId} is not null)`,
    ),
    check(
      'cred_credential_revoked_reason',
      sql`${table.revokedAt} is null or (${table.revokedReason} is not null and length(${table.revokedReason}) > 0)`,
    ),
  ],
);
