-- Search needs trigram similarity and accent folding on PostgreSQL and PGlite alike.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
