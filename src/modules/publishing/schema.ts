import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { idnUser } from '../identity/schema.ts';

/**
 * The Learning Core model: a package groups entities; an entity is stable (id, uuid, key); its
 * versions are written once and never updated; draft and published pointers say which version
 * each side sees; every publish is a log entry listing what moved, like a commit.
 */
export const pubPackage = pgTable('pub_package', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  uuid: uuid().notNull().defaultRandom().unique(),
  key: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const pubEntity = pgTable(
  'pub_entity',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    packageId: bigint({ mode: 'number' })
      .notNull()
      .references(() => pubPackage.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [
    unique('pub_entity_key_unique').on(table.packageId, table.key),
    check('pub_entity_key_format', sql`${table.key} ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'`),
  ],
);

export const pubVersion = pgTable(
  'pub_version',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    entityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => pubEntity.id, { onDelete: 'cascade' }),
    versionNum: integer().notNull(),
    data: jsonb().$type<unknown>().notNull(),
    /** sha256 of the canonical JSON of `data`: equal hashes mean nothing changed. */
    contentHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [
    unique('pub_version_num_unique').on(table.entityId, table.versionNum),
    check('pub_version_num_positive', sql`${table.versionNum} > 0`),
  ],
);

/** The version authors see. A null version means the entity is deleted in the draft. */
export const pubDraft = pgTable('pub_draft', {
  entityId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => pubEntity.id, { onDelete: 'cascade' }),
  versionId: bigint({ mode: 'number' }).references(() => pubVersion.id, { onDelete: 'restrict' }),
});

export const pubPublishLog = pgTable(
  'pub_publish_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    packageId: bigint({ mode: 'number' })
      .notNull()
      .references(() => pubPackage.id, { onDelete: 'cascade' }),
    message: text().notNull().default(''),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    publishedBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
  },
  (table) => [index('pub_publish_log_package_idx').on(table.packageId, table.publishedAt)],
);

export const pubPublishLogRecord = pgTable(
  'pub_publish_log_record',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    publishLogId: bigint({ mode: 'number' })
      .notNull()
      .references(() => pubPublishLog.id, { onDelete: 'cascade' }),
    entityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => pubEntity.id, { onDelete: 'cascade' }),
    oldVersionId: bigint({ mode: 'number' }).references(() => pubVersion.id, { onDelete: 'restrict' }),
    newVersionId: bigint({ mode: 'number' }).references(() => pubVersion.id, { onDelete: 'restrict' }),
  },
  (table) => [unique('pub_publish_log_record_unique').on(table.publishLogId, table.entityId)],
);

/** The version learners see, and the log record that put it there. */
export const pubPublished = pgTable('pub_published', {
  entityId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => pubEntity.id, { onDelete: 'cascade' }),
  versionId: bigint({ mode: 'number' }).references(() => pubVersion.id, { onDelete: 'restrict' }),
  publishLogRecordId: bigint({ mode: 'number' })
    .notNull()
    .references(() => pubPublishLogRecord.id, { onDelete: 'cascade' }),
});
