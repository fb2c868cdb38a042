import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CatalogLabels, StoredDocument } from './types.ts';

/** Written as SQL expressions by the indexer; never read back into JavaScript. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** Enrollment windows of every run; `@>` answers "open now" for any instant. */
const tstzmultirange = customType<{ data: string }>({ dataType: () => 'tstzmultirange' });

/**
 * One denormalised search document per published course. The courses module owns the truth;
 * this row is rebuilt from it on every publish or run change, so it carries no foreign key and
 * can be dropped and refilled at will.
 */
export const catEntry = pgTable(
  'cat_entry',
  {
    courseId: bigint({ mode: 'number' }).primaryKey(),
    courseUuid: uuid().notNull().unique(),
    key: text().notNull().unique(),
    /** The validated input document, as presented in results. */
    document: jsonb().$type<StoredDocument>().notNull(),
    /** Display names of skills and institutions by facet value, for facet labels. */
    labels: jsonb().$type<CatalogLabels>().notNull(),
    subjects: text().array().notNull(),
    languages: text().array().notNull(),
    institutions: text().array().notNull(),
    level: text().notNull(),
    skills: text().array().notNull(),
    pacings: text().array().notNull(),
    hasCertificate: boolean().notNull(),
    enrollmentWindows: tstzmultirange().notNull(),
    scheduledStarts: timestamp({ withTimezone: true, mode: 'string' }).array().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    searchVector: tsvector().notNull(),
    /** Titles, skills and subjects in every language, for typo-tolerant trigram matching. */
    wordsSource: text().notNull(),
    words: text()
      .notNull()
      .generatedAlwaysAs(sql`lower(cat_unaccent(words_source))`),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('cat_entry_search_idx').using('gin', table.searchVector),
    index('cat_entry_words_idx').using('gin', sql`${table.words} gin_trgm_ops`),
    index('cat_entry_published_idx').on(table.publishedAt),
  ],
);
