-- A posted invoice is frozen: only its cancellation (by a credit note) changes it. Drafts may be
-- edited or deleted; their lines change only while the invoice is a draft.
CREATE FUNCTION accounting_invoice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state = 'draft' THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'a posted invoice is never deleted; cancel it with a credit note' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.state = 'draft' THEN RETURN NEW; END IF;
  IF OLD.state = 'posted' AND NEW.state = 'cancelled'
     AND (to_jsonb(NEW) - ARRAY['state', 'version', 'updated_at', 'updated_by'])
         = (to_jsonb(OLD) - ARRAY['state', 'version', 'updated_at', 'updated_by']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a posted invoice is immutable: UPDATE refused' USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounting_invoices_guard BEFORE UPDATE OR DELETE ON accounting_invoices
  FOR EACH ROW EXECUTE FUNCTION accounting_invoice_guard();
--> statement-breakpoint
CREATE FUNCTION accounting_invoice_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice_state text;
  line record;
BEGIN
  line := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  SELECT i.state INTO invoice_state FROM accounting_invoices i
   WHERE i.company_id = line.company_id AND i.id = line.invoice_id;
  IF invoice_state IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'the lines of a posted invoice are immutable: % refused', TG_OP USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN line;
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounting_invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON accounting_invoice_lines
  FOR EACH ROW EXECUTE FUNCTION accounting_invoice_line_guard();
--> statement-breakpoint
-- Payments are posted once and never change; a mistaken one is reversed.
CREATE TRIGGER accounting_payments_append_only BEFORE UPDATE OR DELETE ON accounting_payments
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE ON accounting_payments FROM tandem_app;
--> statement-breakpoint
-- An allocation is only ever released (once); it is never edited or deleted.
CREATE FUNCTION accounting_allocation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL AND NEW.released_at IS NOT NULL
     AND (to_jsonb(NEW) - ARRAY['released_at', 'released_by']) = (to_jsonb(OLD) - ARRAY['released_at', 'released_by']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'an allocation is only released, never changed or deleted: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounting_allocations_guard BEFORE UPDATE OR DELETE ON accounting_allocations
  FOR EACH ROW EXECUTE FUNCTION accounting_allocation_guard();
--> statement-breakpoint
REVOKE DELETE ON accounting_allocations FROM tandem_app;
--> statement-breakpoint
-- At commit: the two lines of an allocation are a debit and a credit of the same reconcilable
-- account and partner, and no line is matched for more than its amount.
CREATE FUNCTION accounting_allocation_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  debit record;
  credit record;
  over record;
BEGIN
  SELECT l.account_id, l.partner_id, l.debit_minor, a.reconcilable INTO debit
    FROM accounting_entry_lines l JOIN accounting_accounts a ON a.company_id = l.company_id AND a.id = l.account_id
   WHERE l.company_id = NEW.company_id AND l.id = NEW.debit_line_id;
  SELECT l.account_id, l.partner_id, l.credit_minor INTO credit
    FROM accounting_entry_lines l WHERE l.company_id = NEW.company_id AND l.id = NEW.credit_line_id;
  IF NOT debit.reconcilable OR debit.debit_minor = 0 OR credit.credit_minor = 0
     OR debit.account_id <> credit.account_id OR debit.partner_id IS DISTINCT FROM credit.partner_id THEN
    RAISE EXCEPTION 'allocation % does not match a debit with a credit of one reconcilable account and partner', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT l.id, l.debit_minor + l.credit_minor AS amount, abs(l.amount_currency_minor) AS amount_currency,
         sum(x.amount_minor) AS matched, sum(x.amount_currency_minor) AS matched_currency
    INTO over
    FROM accounting_entry_lines l
    JOIN accounting_allocations x ON x.company_id = l.company_id AND x.released_at IS NULL
                                  AND (x.debit_line_id = l.id OR x.credit_line_id = l.id)
   WHERE l.company_id = NEW.company_id AND l.id IN (NEW.debit_line_id, NEW.credit_line_id)
   GROUP BY l.id, l.debit_minor, l.credit_minor, l.amount_currency_minor
  HAVING sum(x.amount_minor) > l.debit_minor + l.credit_minor
      OR sum(x.amount_currency_minor) > abs(l.amount_currency_minor)
   LIMIT 1;
  IF over.id IS NOT NULL THEN
    RAISE EXCEPTION 'line % is matched for % of its %', over.id, over.matched, over.amount USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER accounting_allocations_check AFTER INSERT ON accounting_allocations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounting_allocation_check();
--> statement-breakpoint
CREATE TRIGGER accounting_invoice_taxes_guard BEFORE INSERT OR UPDATE OR DELETE ON accounting_invoice_taxes
  FOR EACH ROW EXECUTE FUNCTION accounting_invoice_line_guard();
