-- Trigram indexes for search by any part of a name, SKU or barcode; btree_gist for exclusion
-- constraints (no double booking). Both are trusted extensions: the database owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
