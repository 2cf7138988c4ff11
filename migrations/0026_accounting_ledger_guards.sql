-- The books are append-only. Entry lines are never changed or deleted; an entry may only have its
-- number set, once, by the transaction that posted it; lines join an entry only in that
-- transaction. Corrections are reversals.
CREATE FUNCTION accounting_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'accounting_entries is append-only: DELETE refused' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.number IS NULL AND NEW.number IS NOT NULL AND OLD.posted_txid = txid_current()
     AND (NEW.company_id, NEW.id, NEW.journal_id, NEW.fiscal_year_id, NEW.period_id, NEW.date, NEW.reference,
          NEW.description, NEW.source_type, NEW.source_id, NEW.reverses_entry_id, NEW.reversal_reason,
          NEW.posted_at, NEW.posted_by, NEW.posted_txid)
         IS NOT DISTINCT FROM
         (OLD.company_id, OLD.id, OLD.journal_id, OLD.fiscal_year_id, OLD.period_id, OLD.date, OLD.reference,
          OLD.description, OLD.source_type, OLD.source_id, OLD.reverses_entry_id, OLD.reversal_reason,
          OLD.posted_at, OLD.posted_by, OLD.posted_txid) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a posted journal entry is immutable: UPDATE refused' USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounting_entries_immutable BEFORE UPDATE OR DELETE ON accounting_entries
  FOR EACH ROW EXECUTE FUNCTION accounting_entry_guard();
--> statement-breakpoint
CREATE TRIGGER accounting_entry_lines_append_only BEFORE UPDATE OR DELETE ON accounting_entry_lines
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse_change();
--> statement-breakpoint
REVOKE DELETE ON accounting_entries, accounting_entry_lines FROM tandem_app;
--> statement-breakpoint
REVOKE UPDATE ON accounting_entry_lines FROM tandem_app;
--> statement-breakpoint
-- A line belongs to an entry posted in the same transaction, with the entry's date and journal.
CREATE FUNCTION accounting_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry record;
BEGIN
  SELECT e.posted_txid, e.date, e.journal_id INTO entry
    FROM accounting_entries e WHERE e.company_id = NEW.company_id AND e.id = NEW.entry_id;
  IF entry.posted_txid IS DISTINCT FROM txid_current() THEN
    RAISE EXCEPTION 'lines may be added to a journal entry only while it is posted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.date IS DISTINCT FROM entry.date OR NEW.journal_id IS DISTINCT FROM entry.journal_id THEN
    RAISE EXCEPTION 'a line carries its entry''s date and journal' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounting_entry_lines_guard BEFORE INSERT ON accounting_entry_lines
  FOR EACH ROW EXECUTE FUNCTION accounting_line_guard();
--> statement-breakpoint
-- Nothing is posted into a locked period, a closed fiscal year, or on or before the lock date, and
-- the date lies in the entry's period. The code refuses first, with a clear message; this is the
-- backstop.
CREATE FUNCTION accounting_entry_period_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  period record;
  lock_date date;
BEGIN
  SELECT p.start_date, p.end_date, p.locked_at, p.fiscal_year_id, y.closed_at INTO period
    FROM accounting_periods p
    JOIN accounting_fiscal_years y ON y.company_id = p.company_id AND y.id = p.fiscal_year_id
   WHERE p.company_id = NEW.company_id AND p.id = NEW.period_id;
  IF period.start_date IS NULL OR NEW.date < period.start_date OR NEW.date > period.end_date
     OR period.fiscal_year_id <> NEW.fiscal_year_id THEN
    RAISE EXCEPTION 'the entry date % is not in its period', NEW.date USING ERRCODE = 'check_violation';
  END IF;
  IF period.locked_at IS NOT NULL OR period.closed_at IS NOT NULL THEN
    RAISE EXCEPTION 'the period of % is locked', NEW.date USING ERRCODE = 'check_violation';
  END IF;
  SELECT s.lock_date INTO lock_date FROM accounting_settings s WHERE s.company_id = NEW.company_id;
  IF lock_date IS NOT NULL AND NEW.date <= lock_date THEN
    RAISE EXCEPTION 'the books are locked up to %', lock_date USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounting_entries_period_guard BEFORE INSERT ON accounting_entries
  FOR EACH ROW EXECUTE FUNCTION accounting_entry_period_guard();
--> statement-breakpoint
-- At commit, each entry posted in the transaction balances to the cent, has two lines or more,
-- and has its number.
CREATE FUNCTION accounting_entry_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  totals record;
  entry_number text;
BEGIN
  SELECT count(*) AS lines, coalesce(sum(l.debit_minor), 0) AS debit, coalesce(sum(l.credit_minor), 0) AS credit
    INTO totals
    FROM accounting_entry_lines l WHERE l.company_id = NEW.company_id AND l.entry_id = NEW.id;
  IF totals.lines < 2 THEN
    RAISE EXCEPTION 'journal entry % has % line(s); an entry needs two or more', NEW.id, totals.lines
      USING ERRCODE = 'check_violation';
  END IF;
  IF totals.debit <> totals.credit THEN
    RAISE EXCEPTION 'journal entry % does not balance: debit % <> credit %', NEW.id, totals.debit, totals.credit
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT e.number INTO entry_number FROM accounting_entries e WHERE e.company_id = NEW.company_id AND e.id = NEW.id;
  IF entry_number IS NULL THEN
    RAISE EXCEPTION 'journal entry % was not numbered', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER accounting_entries_complete AFTER INSERT ON accounting_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounting_entry_complete();
