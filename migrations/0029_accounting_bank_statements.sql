CREATE TABLE "accounting_bank_csv_mappings" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_bank_csv_mappings_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "accounting_bank_csv_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_bank_statement_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"journal_id" uuid NOT NULL,
	"booking_date" date NOT NULL,
	"value_date" date,
	"amount_minor" bigint NOT NULL,
	"currency_code" char(3) NOT NULL,
	"counterparty_name" text,
	"counterparty_iban" text,
	"remittance_text" text,
	"structured_reference" text,
	"end_to_end_id" text,
	"bank_reference" text,
	"transaction_code" text,
	"duplicate_key" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"payment_id" uuid,
	"entry_id" uuid,
	"rule_id" uuid,
	"reconciled_at" timestamp (3) with time zone,
	"reconciled_by" uuid,
	CONSTRAINT "accounting_bank_statement_lines_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_bank_statement_lines_state_check" CHECK ("accounting_bank_statement_lines"."state" in ('open', 'reconciled', 'ignored')),
	CONSTRAINT "accounting_bank_statement_lines_amount_check" CHECK ("accounting_bank_statement_lines"."amount_minor" <> 0),
	CONSTRAINT "accounting_bank_statement_lines_reconciled_check" CHECK (("accounting_bank_statement_lines"."state" = 'reconciled') = ("accounting_bank_statement_lines"."payment_id" is not null or "accounting_bank_statement_lines"."entry_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "accounting_bank_statement_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_bank_statements" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journal_id" uuid NOT NULL,
	"format" text NOT NULL,
	"bank_statement_id" text,
	"file_name" text,
	"from_date" date,
	"to_date" date,
	"currency_code" char(3) NOT NULL,
	"opening_balance_minor" bigint,
	"closing_balance_minor" bigint,
	"line_count" integer NOT NULL,
	"new_line_count" integer NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"imported_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	CONSTRAINT "accounting_bank_statements_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "accounting_bank_statements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_reconciliation_rules" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"journal_id" uuid,
	"direction" text DEFAULT 'any' NOT NULL,
	"text_contains" text,
	"counterparty_iban" text,
	"amount_min_minor" bigint,
	"amount_max_minor" bigint,
	"account_id" uuid NOT NULL,
	"partner_id" uuid,
	"label" text,
	"priority" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_reconciliation_rules_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_reconciliation_rules_direction_check" CHECK ("accounting_reconciliation_rules"."direction" in ('in', 'out', 'any')),
	CONSTRAINT "accounting_reconciliation_rules_criteria_check" CHECK ("accounting_reconciliation_rules"."text_contains" is not null or "accounting_reconciliation_rules"."counterparty_iban" is not null)
);
--> statement-breakpoint
ALTER TABLE "accounting_reconciliation_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounting_bank_csv_mappings" ADD CONSTRAINT "accounting_bank_csv_mappings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_bank_statement_lines" ADD CONSTRAINT "accounting_bank_statement_lines_company_id_statement_id_accounting_bank_statements_company_id_id_fk" FOREIGN KEY ("company_id","statement_id") REFERENCES "public"."accounting_bank_statements"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_bank_statement_lines" ADD CONSTRAINT "accounting_bank_statement_lines_company_id_journal_id_accounting_journals_company_id_id_fk" FOREIGN KEY ("company_id","journal_id") REFERENCES "public"."accounting_journals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_bank_statement_lines" ADD CONSTRAINT "accounting_bank_statement_lines_company_id_payment_id_accounting_payments_company_id_id_fk" FOREIGN KEY ("company_id","payment_id") REFERENCES "public"."accounting_payments"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_bank_statement_lines" ADD CONSTRAINT "accounting_bank_statement_lines_company_id_entry_id_accounting_entries_company_id_id_fk" FOREIGN KEY ("company_id","entry_id") REFERENCES "public"."accounting_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_bank_statements" ADD CONSTRAINT "accounting_bank_statements_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_bank_statements" ADD CONSTRAINT "accounting_bank_statements_company_id_journal_id_accounting_journals_company_id_id_fk" FOREIGN KEY ("company_id","journal_id") REFERENCES "public"."accounting_journals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_reconciliation_rules" ADD CONSTRAINT "accounting_reconciliation_rules_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_reconciliation_rules" ADD CONSTRAINT "accounting_reconciliation_rules_company_id_journal_id_accounting_journals_company_id_id_fk" FOREIGN KEY ("company_id","journal_id") REFERENCES "public"."accounting_journals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_reconciliation_rules" ADD CONSTRAINT "accounting_reconciliation_rules_company_id_account_id_accounting_accounts_company_id_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounting_accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_bank_csv_mappings_name_unique" ON "accounting_bank_csv_mappings" USING btree ("company_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_bank_statement_lines_duplicate_unique" ON "accounting_bank_statement_lines" USING btree ("company_id","journal_id","duplicate_key");--> statement-breakpoint
CREATE INDEX "accounting_bank_statement_lines_open_idx" ON "accounting_bank_statement_lines" USING btree ("company_id","journal_id","state","booking_date");--> statement-breakpoint
CREATE INDEX "accounting_bank_statements_journal_idx" ON "accounting_bank_statements" USING btree ("company_id","journal_id","imported_at");--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_bank_csv_mappings" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_bank_statement_lines" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_bank_statements" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_reconciliation_rules" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);