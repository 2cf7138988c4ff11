-- Record rules: a role may be limited, per entity, to the records its member owns. withTx sets
-- tandem.own_only to the entities the member's role limits (comma-separated); a table opts in with
-- a RESTRICTIVE policy calling this function on its owner column, so list, read, update and delete
-- all obey it, in the database. STABLE: evaluated once per statement.
CREATE FUNCTION tandem_record_visible(entity text, owner uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT NOT (entity = ANY (string_to_array(coalesce(current_setting('tandem.own_only', true), ''), ',')))
      OR owner = nullif(current_setting('tandem.user_id', true), '')::uuid
$$;
