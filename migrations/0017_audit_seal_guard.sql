-- The audit log stays append-only for everyone, the owner included: the only change allowed is
-- sealing an unsealed row (setting seal_seq, hash and previous_hash once). The application role
-- has no UPDATE privilege at all; the sealer runs as the owner.
CREATE FUNCTION tandem_audit_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.hash IS NOT NULL OR OLD.seal_seq IS NOT NULL THEN
    RAISE EXCEPTION 'audit_log row % is sealed: changes refused', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.hash IS NULL OR NEW.seal_seq IS NULL OR NEW.previous_hash IS NULL THEN
    RAISE EXCEPTION 'audit_log rows may only be sealed' USING ERRCODE = 'restrict_violation';
  END IF;
  IF (NEW.company_id, NEW.id, NEW.occurred_at, NEW.actor_type, NEW.actor_id, NEW.entity, NEW.entity_id,
      NEW.action, NEW.changes, NEW.request_id, NEW.source_ip)
     IS DISTINCT FROM
     (OLD.company_id, OLD.id, OLD.occurred_at, OLD.actor_type, OLD.actor_id, OLD.entity, OLD.entity_id,
      OLD.action, OLD.changes, OLD.request_id, OLD.source_ip) THEN
    RAISE EXCEPTION 'audit_log rows may only be sealed, not changed' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_seal_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION tandem_audit_seal_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION tandem_refuse_change();
