CREATE TABLE "accounting_invoice_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"variant_id" uuid,
	"sku" text,
	"gtin" text,
	"description" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_code" text DEFAULT 'C62' NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	"discount_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"account_id" uuid NOT NULL,
	"tax_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"vat_category" text DEFAULT 'O' NOT NULL,
	"vat_rate_percent" numeric(9, 4),
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	CONSTRAINT "accounting_invoice_lines_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_invoice_lines_discount_check" CHECK ("accounting_invoice_lines"."discount_percent" between 0 and 100),
	CONSTRAINT "accounting_invoice_lines_price_check" CHECK ("accounting_invoice_lines"."unit_price" >= 0)
);
--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_invoice_taxes" (
	"company_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"tax_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"vat_category" text NOT NULL,
	"rate_percent" numeric(9, 4),
	"exemption_reason" text,
	"exemption_reason_code" text,
	"account_id" uuid NOT NULL,
	"base_minor" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	CONSTRAINT "accounting_invoice_taxes_company_id_invoice_id_tax_id_pk" PRIMARY KEY("company_id","invoice_id","tax_id")
);
--> statement-breakpoint
ALTER TABLE "accounting_invoice_taxes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_invoices" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"number" text,
	"partner_id" uuid NOT NULL,
	"journal_id" uuid NOT NULL,
	"invoice_date" date,
	"due_date" date,
	"payment_term_days" integer,
	"currency_code" char(3) NOT NULL,
	"exchange_rate" numeric(24, 12),
	"reference" text,
	"buyer_reference" text,
	"note" text,
	"creditor_reference" text,
	"corrects_invoice_id" uuid,
	"entry_id" uuid,
	"open_item_line_id" uuid,
	"net_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"total_minor" bigint DEFAULT 0 NOT NULL,
	"source_type" text,
	"source_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_invoices_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_invoices_kind_check" CHECK ("accounting_invoices"."kind" in ('customer_invoice', 'customer_credit_note', 'vendor_bill', 'vendor_refund')),
	CONSTRAINT "accounting_invoices_state_check" CHECK ("accounting_invoices"."state" in ('draft', 'posted', 'cancelled')),
	CONSTRAINT "accounting_invoices_posted_check" CHECK ("accounting_invoices"."state" = 'draft' or "accounting_invoices"."entry_id" is null and "accounting_invoices"."state" = 'cancelled'
          or ("accounting_invoices"."number" is not null and "accounting_invoices"."entry_id" is not null and "accounting_invoices"."open_item_line_id" is not null
              and "accounting_invoices"."invoice_date" is not null and "accounting_invoices"."due_date" is not null)),
	CONSTRAINT "accounting_invoices_totals_check" CHECK ("accounting_invoices"."total_minor" = "accounting_invoices"."net_minor" + "accounting_invoices"."tax_minor")
);
--> statement-breakpoint
ALTER TABLE "accounting_invoices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_allocations" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"debit_line_id" uuid NOT NULL,
	"credit_line_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"amount_currency_minor" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"released_at" timestamp (3) with time zone,
	"released_by" uuid,
	CONSTRAINT "accounting_allocations_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_allocations_amount_check" CHECK ("accounting_allocations"."amount_minor" >= 0 and "accounting_allocations"."amount_currency_minor" >= 0),
	CONSTRAINT "accounting_allocations_nonzero_check" CHECK ("accounting_allocations"."amount_minor" > 0 or "accounting_allocations"."amount_currency_minor" > 0),
	CONSTRAINT "accounting_allocations_lines_check" CHECK ("accounting_allocations"."debit_line_id" <> "accounting_allocations"."credit_line_id")
);
--> statement-breakpoint
ALTER TABLE "accounting_allocations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounting_payments" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"direction" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"journal_id" uuid NOT NULL,
	"date" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency_code" char(3) NOT NULL,
	"reference" text,
	"entry_id" uuid NOT NULL,
	"source_type" text,
	"source_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_payments_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "accounting_payments_direction_check" CHECK ("accounting_payments"."direction" in ('inbound', 'outbound')),
	CONSTRAINT "accounting_payments_amount_check" CHECK ("accounting_payments"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "accounting_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "vat_id" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "registration_id" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "street2" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "country_code" char(2);--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "iban" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "bic" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "peppol_endpoint_id" text;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "peppol_endpoint_scheme" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "street2" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "country_code" char(2);--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "company_registration_id" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "peppol_endpoint_id" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "peppol_endpoint_scheme" text;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "payment_term_days" integer;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD COLUMN "bank_accounts" jsonb;--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ADD CONSTRAINT "accounting_invoice_lines_company_id_invoice_id_accounting_invoices_company_id_id_fk" FOREIGN KEY ("company_id","invoice_id") REFERENCES "public"."accounting_invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ADD CONSTRAINT "accounting_invoice_lines_company_id_account_id_accounting_accounts_company_id_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounting_accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoice_taxes" ADD CONSTRAINT "accounting_invoice_taxes_company_id_invoice_id_accounting_invoices_company_id_id_fk" FOREIGN KEY ("company_id","invoice_id") REFERENCES "public"."accounting_invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoice_taxes" ADD CONSTRAINT "accounting_invoice_taxes_company_id_account_id_accounting_accounts_company_id_id_fk" FOREIGN KEY ("company_id","account_id") REFERENCES "public"."accounting_accounts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD CONSTRAINT "accounting_invoices_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD CONSTRAINT "accounting_invoices_company_id_journal_id_accounting_journals_company_id_id_fk" FOREIGN KEY ("company_id","journal_id") REFERENCES "public"."accounting_journals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD CONSTRAINT "accounting_invoices_company_id_corrects_invoice_id_accounting_invoices_company_id_id_fk" FOREIGN KEY ("company_id","corrects_invoice_id") REFERENCES "public"."accounting_invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD CONSTRAINT "accounting_invoices_company_id_entry_id_accounting_entries_company_id_id_fk" FOREIGN KEY ("company_id","entry_id") REFERENCES "public"."accounting_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD CONSTRAINT "accounting_invoices_company_id_open_item_line_id_accounting_entry_lines_company_id_id_fk" FOREIGN KEY ("company_id","open_item_line_id") REFERENCES "public"."accounting_entry_lines"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_allocations" ADD CONSTRAINT "accounting_allocations_company_id_debit_line_id_accounting_entry_lines_company_id_id_fk" FOREIGN KEY ("company_id","debit_line_id") REFERENCES "public"."accounting_entry_lines"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_allocations" ADD CONSTRAINT "accounting_allocations_company_id_credit_line_id_accounting_entry_lines_company_id_id_fk" FOREIGN KEY ("company_id","credit_line_id") REFERENCES "public"."accounting_entry_lines"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_payments" ADD CONSTRAINT "accounting_payments_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_payments" ADD CONSTRAINT "accounting_payments_company_id_journal_id_accounting_journals_company_id_id_fk" FOREIGN KEY ("company_id","journal_id") REFERENCES "public"."accounting_journals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_payments" ADD CONSTRAINT "accounting_payments_company_id_entry_id_accounting_entries_company_id_id_fk" FOREIGN KEY ("company_id","entry_id") REFERENCES "public"."accounting_entries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_invoice_lines_line_unique" ON "accounting_invoice_lines" USING btree ("company_id","invoice_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_invoices_number_unique" ON "accounting_invoices" USING btree ("company_id","journal_id","number") WHERE "accounting_invoices"."number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_invoices_source_unique" ON "accounting_invoices" USING btree ("company_id","source_type","source_id") WHERE "accounting_invoices"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "accounting_invoices_partner_idx" ON "accounting_invoices" USING btree ("company_id","partner_id","invoice_date");--> statement-breakpoint
CREATE INDEX "accounting_invoices_list_idx" ON "accounting_invoices" USING btree ("company_id","kind","state","created_at");--> statement-breakpoint
CREATE INDEX "accounting_allocations_debit_idx" ON "accounting_allocations" USING btree ("company_id","debit_line_id");--> statement-breakpoint
CREATE INDEX "accounting_allocations_credit_idx" ON "accounting_allocations" USING btree ("company_id","credit_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_payments_source_unique" ON "accounting_payments" USING btree ("company_id","source_type","source_id") WHERE "accounting_payments"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "accounting_payments_partner_idx" ON "accounting_payments" USING btree ("company_id","partner_id","date");--> statement-breakpoint
CREATE INDEX "crm_parties_endpoint_idx" ON "crm_parties" USING btree ("company_id","peppol_endpoint_scheme","peppol_endpoint_id") WHERE "crm_parties"."peppol_endpoint_id" is not null;--> statement-breakpoint
ALTER TABLE "crm_parties" ADD CONSTRAINT "crm_parties_payment_terms_check" CHECK ("crm_parties"."payment_term_days" between 0 and 365);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_invoice_lines" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_invoice_taxes" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_invoices" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_allocations" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_payments" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);