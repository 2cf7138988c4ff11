-- The role every application transaction switches to. Roles are cluster-wide and parallel test
-- databases migrate at once, so creation tolerates a role that exists or is being created.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    CREATE ROLE tandem_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The login that migrates must be able to SET ROLE tandem_app (a superuser always can).
DO $$
BEGIN
  EXECUTE format('GRANT tandem_app TO %I', current_user);
EXCEPTION
  WHEN others THEN NULL;
END
$$;
