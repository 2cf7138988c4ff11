-- The valuation ledger is append-only, like the stock ledger: entries, layer consumptions and
-- shortfall settlements are never edited or deleted, for anyone.
CREATE TRIGGER inventory_valuation_entries_append_only BEFORE UPDATE OR DELETE ON inventory_valuation_entries
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
CREATE TRIGGER inventory_layer_consumptions_append_only BEFORE UPDATE OR DELETE ON inventory_layer_consumptions
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
CREATE TRIGGER inventory_shortfall_settlements_append_only BEFORE UPDATE OR DELETE ON inventory_shortfall_settlements
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE ON inventory_valuation_entries, inventory_layer_consumptions, inventory_shortfall_settlements FROM tandem_app;
--> statement-breakpoint
-- A cost layer's receipt, quantity, unit cost and value are fixed, and so are a shortfall's; only
-- what remains (open) changes, as consumptions (settlements) are recorded. Neither is deleted.
CREATE FUNCTION inventory_cost_lot_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% is append-only: DELETE refused', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
  END IF;
  IF (NEW.company_id, NEW.id, NEW.variant_id, NEW.move_id, NEW.quantity, NEW.unit_cost, NEW.value_minor, NEW.posted_at)
     IS DISTINCT FROM
     (OLD.company_id, OLD.id, OLD.variant_id, OLD.move_id, OLD.quantity, OLD.unit_cost, OLD.value_minor, OLD.posted_at) THEN
    RAISE EXCEPTION '%: only what remains open may change', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER inventory_cost_layers_guard BEFORE UPDATE OR DELETE ON inventory_cost_layers
  FOR EACH ROW EXECUTE FUNCTION inventory_cost_lot_guard();
--> statement-breakpoint
CREATE TRIGGER inventory_cost_shortfalls_guard BEFORE UPDATE OR DELETE ON inventory_cost_shortfalls
  FOR EACH ROW EXECUTE FUNCTION inventory_cost_lot_guard();
--> statement-breakpoint
REVOKE DELETE ON inventory_cost_layers, inventory_cost_shortfalls, inventory_valuations FROM tandem_app;
