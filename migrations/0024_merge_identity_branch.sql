-- Two branches of migrations were merged: 0003–0011 (events, jobs, webhooks, catalog, inventory)
-- and 0012–0023 (identity). This migration changes nothing; its snapshot records the combined
-- schema so that the next generated migration starts from the truth.
SELECT 1;
