-- Accent folding for the catalog's generated column and indexes. unaccent() itself is only
-- STABLE (its dictionary could be changed), so it is wrapped in an IMMUTABLE function that names
-- the dictionary explicitly, qualified with the schema the extension was installed in.
DO $$
DECLARE
	extension_schema text;
BEGIN
	SELECT extnamespace::regnamespace::text INTO extension_schema FROM pg_extension WHERE extname = 'unaccent';
	EXECUTE format(
		'CREATE OR REPLACE FUNCTION cat_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT '
		'AS $f$ SELECT %1$I.unaccent(%2$L::regdictionary, $1) $f$',
		extension_schema,
		extension_schema || '.unaccent'
	);
END
$$;
--> statement-breakpoint
CREATE TABLE "cat_entry" (
	"course_id" bigint PRIMARY KEY NOT NULL,
	"course_uuid" uuid NOT NULL,
	"key" text NOT NULL,
	"document" jsonb NOT NULL,
	"labels" jsonb NOT NULL,
	"subjects" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"institutions" text[] NOT NULL,
	"level" text NOT NULL,
	"skills" text[] NOT NULL,
	"pacings" text[] NOT NULL,
	"has_certificate" boolean NOT NULL,
	"enrollment_windows" "tstzmultirange" NOT NULL,
	"scheduled_starts" timestamp with time zone[] NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"words_source" text NOT NULL,
	"words" text GENERATED ALWAYS AS (lower(cat_unaccent(words_source))) STORED NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cat_entry_courseUuid_unique" UNIQUE("course_uuid"),
	CONSTRAINT "cat_entry_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE INDEX "cat_entry_search_idx" ON "cat_entry" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "cat_entry_words_idx" ON "cat_entry" USING gin ("words" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cat_entry_published_idx" ON "cat_entry" USING btree ("published_at");