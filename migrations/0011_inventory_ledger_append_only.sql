-- The stock ledger is append-only: a posted move is never edited or deleted, for anyone.
CREATE TRIGGER inventory_moves_append_only BEFORE UPDATE OR DELETE ON inventory_moves
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE ON inventory_moves FROM tandem_app;
