-- Completed sales, their lines and payments, and cash moves are records of what happened at the
-- till: never changed or deleted. A mistake is a return.
CREATE TRIGGER pos_sales_append_only BEFORE UPDATE OR DELETE ON pos_sales FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
CREATE TRIGGER pos_sale_lines_append_only BEFORE UPDATE OR DELETE ON pos_sale_lines FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
CREATE TRIGGER pos_payments_append_only BEFORE UPDATE OR DELETE ON pos_payments FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
CREATE TRIGGER pos_cash_moves_append_only BEFORE UPDATE OR DELETE ON pos_cash_moves FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE ON pos_sales, pos_sale_lines, pos_payments, pos_cash_moves FROM tandem_app;
