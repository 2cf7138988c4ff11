CREATE TABLE "accounting_account_mappings" (
	"company_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_account_mappings_company_id_purpose_pk" PRIMARY KEY("company_id","purpose")
);
--> statement-breakpoint
ALTER TABLE "accounting_account_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_accounts" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"kind" text NOT NULL,
	"reconcilable" boolean DEFAULT false NOT NULL,
	"currency_code" char(3),
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_accounts_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_accounts_kind_check" CHECK ((kind, type) in (('receivable','asset'), ('bank','asset'), ('cash','asset'), ('current_asset','asset'), ('inventory','asset'), ('non_current_asset','asset'), ('payable','liability'), ('tax','liability'), ('current_liability','liability'), ('non_current_liability','liability'), ('equity','equity'), ('current_year_earnings','equity'), ('income','income'), ('other_income','income'), ('cost_of_sales','expense'), ('expense','expense'), ('depreciation','expense'))),
	CONSTRAINT "accounting_accounts_code_check" CHECK ("accounting_accounts"."code" ~ '^[0-9A-Za-z.\-]{1,20}$')
);
--> statement-breakpoint
ALTER TABLE "accounting_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_entries" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journal_id" uuid NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"number" text,
	"sequence_number" integer,
	"date" date NOT NULL,
	"reference" text,
	"description" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text,
	"reverses_entry_id" uuid,
	"reversal_reason" text,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"posted_by" uuid,
	"posted_txid" bigint DEFAULT txid_current() NOT NULL,
	CONSTRAINT "accounting_entries_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_entries_number_check" CHECK (("accounting_entries"."number" is null) = ("accounting_entries"."sequence_number" is null))
);
--> statement-breakpoint
ALTER TABLE "accounting_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_entry_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"journal_id" uuid NOT NULL,
	"date" date NOT NULL,
	"account_id" uuid NOT NULL,
	"partner_id" uuid,
	"description" text,
	"debit_minor" bigint NOT NULL,
	"credit_minor" bigint NOT NULL,
	"currency_code" char(3) NOT NULL,
	"amount_currency_minor" bigint NOT NULL,
	"tax_id" uuid,
	"tax_base_minor" bigint,
	"due_date" date,
	CONSTRAINT "accounting_entry_lines_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_entry_lines_one_side_check" CHECK ("accounting_entry_lines"."debit_minor" >= 0 and "accounting_entry_lines"."credit_minor" >= 0 and ("accounting_entry_lines"."debit_minor" > 0) <> ("accounting_entry_lines"."credit_minor" > 0)),
	CONSTRAINT "accounting_entry_lines_currency_sign_check" CHECK (("accounting_entry_lines"."debit_minor" > 0 and "accounting_entry_lines"."amount_currency_minor" >= 0) or ("accounting_entry_lines"."credit_minor" > 0 and "accounting_entry_lines"."amount_currency_minor" <= 0))
);
--> statement-breakpoint
ALTER TABLE "accounting_entry_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_exchange_rates" (
	"company_id" uuid NOT NULL,
	"currency_code" char(3) NOT NULL,
	"date" date NOT NULL,
	"rate" numeric(24, 12) NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_exchange_rates_company_id_currency_code_date_pk" PRIMARY KEY("company_id","currency_code","date"),
	CONSTRAINT "accounting_exchange_rates_rate_check" CHECK ("accounting_exchange_rates"."rate" > 0)
);
--> statement-breakpoint
ALTER TABLE "accounting_exchange_rates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_fiscal_years" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_fiscal_years_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_fiscal_years_dates_check" CHECK ("accounting_fiscal_years"."start_date" <= "accounting_fiscal_years"."end_date")
);
--> statement-breakpoint
ALTER TABLE "accounting_fiscal_years" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_journals" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"default_account_id" uuid,
	"bank_iban" text,
	"currency_code" char(3),
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_journals_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_journals_type_check" CHECK ("accounting_journals"."type" in ('sale', 'purchase', 'bank', 'cash', 'general')),
	CONSTRAINT "accounting_journals_money_account_check" CHECK ("accounting_journals"."type" not in ('bank', 'cash') or "accounting_journals"."default_account_id" is not null),
	CONSTRAINT "accounting_journals_code_check" CHECK ("accounting_journals"."code" ~ '^[0-9A-Z]{1,10}$')
);
--> statement-breakpoint
ALTER TABLE "accounting_journals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_periods" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"locked_at" timestamp (3) with time zone,
	"locked_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_periods_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_periods_dates_check" CHECK ("accounting_periods"."start_date" <= "accounting_periods"."end_date")
);
--> statement-breakpoint
ALTER TABLE "accounting_periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_sequences" (
	"company_id" uuid NOT NULL,
	"journal_id" uuid NOT NULL,
	"fiscal_year_id" uuid NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "accounting_sequences_company_id_journal_id_fiscal_year_id_pk" PRIMARY KEY("company_id","journal_id","fiscal_year_id"),
	CONSTRAINT "accounting_sequences_last_check" CHECK ("accounting_sequences"."last_number" >= 0)
);
--> statement-breakpoint
ALTER TABLE "accounting_sequences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_settings" (
	"company_id" uuid NOT NULL,
	"chart_template" text NOT NULL,
	"tax_rounding" text DEFAULT 'per_line' NOT NULL,
	"lock_date" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_settings_company_id_pk" PRIMARY KEY("company_id"),
	CONSTRAINT "accounting_settings_rounding_check" CHECK ("accounting_settings"."tax_rounding" in ('per_line', 'global'))
);
--> statement-breakpoint
ALTER TABLE "accounting_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_tax_group_members" (
	"company_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "accounting_tax_group_members_company_id_group_id_member_id_pk" PRIMARY KEY("company_id","group_id","member_id"),
	CONSTRAINT "accounting_tax_group_members_self_check" CHECK ("accounting_tax_group_members"."group_id" <> "accounting_tax_group_members"."member_id")
);
--> statement-breakpoint
ALTER TABLE "accounting_tax_group_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_taxes" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"rate_percent" numeric(9, 4),
	"amount" numeric(20, 6),
	"price_included" boolean DEFAULT false NOT NULL,
	"vat_category" text NOT NULL,
	"exemption_reason" text,
	"exemption_reason_code" text,
	"account_id" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_taxes_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_taxes_scope_check" CHECK ("accounting_taxes"."scope" in ('sale', 'purchase')),
	CONSTRAINT "accounting_taxes_kind_check" CHECK (("accounting_taxes"."kind" = 'percent' and "accounting_taxes"."rate_percent" is not null and "accounting_taxes"."rate_percent" >= 0 and "accounting_taxes"."account_id" is not null)
       or ("accounting_taxes"."kind" = 'fixed' and "accounting_taxes"."amount" is not null and "accounting_taxes"."amount" >= 0 and "accounting_taxes"."account_id" is not null)
       or ("accounting_taxes"."kind" = 'group' and "accounting_taxes"."rate_percent" is null and "accounting_taxes"."amount" is null)),
	CONSTRAINT "accounting_taxes_category_check" CHECK ("accounting_taxes"."vat_category" in ('S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'))
);
--> statement-breakpoint
ALTER TABLE "accounting_taxes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounting_account_mappings" ADD CONSTRAINT "accounting_account_mappings_company_id_account_id_accounting_accounts_company_id_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounting_accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_accounts" ADD CONSTRAINT "accounting_accounts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_entries" ADD CONSTRAINT "accounting_entries_company_id_journal_id_accounting_journals_company_id_id_fk" FOREIGN KEY ("company_id","journal_id") REFERENCES "public"."accounting_journals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_entries" ADD CONSTRAINT "accounting_entries_company_id_fiscal_year_id_accounting_fiscal_years_company_id_id_fk" FOREIGN KEY ("company_id","fiscal_year_id") REFERENCES "public"."accounting_fiscal_years"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_entries" ADD CONSTRAINT "accounting_entries_company_id_period_id_accounting_periods_company_id_id_fk" FOREIGN KEY ("company_id","period_id") REFERENCES "public"."accounting_periods"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_entries" ADD CONSTRAINT "accounting_entries_company_id_reverses_entry_id_accounting_entries_company_id_id_fk" FOREIGN KEY ("company_id","reverses_entry_id") REFERENCES "public"."accounting_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_entry_lines" ADD CONSTRAINT "accounting_entry_lines_company_id_entry_id_accounting_entries_company_id_id_fk" FOREIGN KEY ("company_id","entry_id") REFERENCES "public"."accounting_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_entry_lines" ADD CONSTRAINT "accounting_entry_lines_company_id_account_id_accounting_accounts_company_id_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounting_accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_exchange_rates" ADD CONSTRAINT "accounting_exchange_rates_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_fiscal_years" ADD CONSTRAINT "accounting_fiscal_years_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_journals" ADD CONSTRAINT "accounting_journals_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_journals" ADD CONSTRAINT "accounting_journals_company_id_default_account_id_accounting_accounts_company_id_id_fk" FOREIGN KEY ("company_id","default_account_id") REFERENCES "public"."accounting_accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_periods" ADD CONSTRAINT "accounting_periods_company_id_fiscal_year_id_accounting_fiscal_years_company_id_id_fk" FOREIGN KEY ("company_id","fiscal_year_id") REFERENCES "public"."accounting_fiscal_years"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_sequences" ADD CONSTRAINT "accounting_sequences_company_id_journal_id_accounting_journals_company_id_id_fk" FOREIGN KEY ("company_id","journal_id") REFERENCES "public"."accounting_journals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_sequences" ADD CONSTRAINT "accounting_sequences_company_id_fiscal_year_id_accounting_fiscal_years_company_id_id_fk" FOREIGN KEY ("company_id","fiscal_year_id") REFERENCES "public"."accounting_fiscal_years"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD CONSTRAINT "accounting_settings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_tax_group_members" ADD CONSTRAINT "accounting_tax_group_members_company_id_group_id_accounting_taxes_company_id_id_fk" FOREIGN KEY ("company_id","group_id") REFERENCES "public"."accounting_taxes"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_tax_group_members" ADD CONSTRAINT "accounting_tax_group_members_company_id_member_id_accounting_taxes_company_id_id_fk" FOREIGN KEY ("company_id","member_id") REFERENCES "public"."accounting_taxes"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_taxes" ADD CONSTRAINT "accounting_taxes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_taxes" ADD CONSTRAINT "accounting_taxes_company_id_account_id_accounting_accounts_company_id_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounting_accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_accounts_code_unique" ON "accounting_accounts" USING btree ("company_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_entries_number_unique" ON "accounting_entries" USING btree ("company_id","journal_id","fiscal_year_id","sequence_number") WHERE "accounting_entries"."sequence_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_entries_source_unique" ON "accounting_entries" USING btree ("company_id","source_type","source_id") WHERE "accounting_entries"."source_id" is not null and "accounting_entries"."reverses_entry_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_entries_reversal_unique" ON "accounting_entries" USING btree ("company_id","reverses_entry_id") WHERE "accounting_entries"."reverses_entry_id" is not null;--> statement-breakpoint
CREATE INDEX "accounting_entries_date_idx" ON "accounting_entries" USING btree ("company_id","date","id");--> statement-breakpoint
CREATE INDEX "accounting_entries_journal_idx" ON "accounting_entries" USING btree ("company_id","journal_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_entry_lines_line_unique" ON "accounting_entry_lines" USING btree ("company_id","entry_id","line_no");--> statement-breakpoint
CREATE INDEX "accounting_entry_lines_account_idx" ON "accounting_entry_lines" USING btree ("company_id","account_id","date");--> statement-breakpoint
CREATE INDEX "accounting_entry_lines_partner_idx" ON "accounting_entry_lines" USING btree ("company_id","partner_id","account_id") WHERE "accounting_entry_lines"."partner_id" is not null;--> statement-breakpoint
CREATE INDEX "accounting_entry_lines_tax_idx" ON "accounting_entry_lines" USING btree ("company_id","tax_id","date") WHERE "accounting_entry_lines"."tax_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_fiscal_years_start_unique" ON "accounting_fiscal_years" USING btree ("company_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_fiscal_years_name_unique" ON "accounting_fiscal_years" USING btree ("company_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_journals_code_unique" ON "accounting_journals" USING btree ("company_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_periods_start_unique" ON "accounting_periods" USING btree ("company_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_taxes_code_unique" ON "accounting_taxes" USING btree ("company_id","scope","code");--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_account_mappings" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_accounts" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_entries" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_entry_lines" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_exchange_rates" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_fiscal_years" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_journals" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_periods" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_sequences" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_settings" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_tax_group_members" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_taxes" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);