CREATE TABLE "pos_cash_moves" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reason" text NOT NULL,
	"moved_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"moved_by" uuid,
	CONSTRAINT "pos_cash_moves_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "pos_cash_moves_amount_check" CHECK ("pos_cash_moves"."amount_minor" > 0),
	CONSTRAINT "pos_cash_moves_direction_check" CHECK ("pos_cash_moves"."direction" in ('in', 'out'))
);
--> statement-breakpoint
ALTER TABLE "pos_cash_moves" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pos_payments" (
	"company_id" uuid NOT NULL,
	"sale_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"method" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reference" text,
	CONSTRAINT "pos_payments_company_id_sale_id_position_pk" PRIMARY KEY("company_id","sale_id","position"),
	CONSTRAINT "pos_payments_method_check" CHECK ("pos_payments"."method" in ('cash', 'card', 'store_credit')),
	CONSTRAINT "pos_payments_amount_check" CHECK ("pos_payments"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "pos_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pos_registers" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"stock_location_id" uuid NOT NULL,
	"cash_journal_id" uuid,
	"currency_code" char(3) NOT NULL,
	"cash_increment_minor" integer DEFAULT 1 NOT NULL,
	"last_receipt_number" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pos_registers_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "pos_registers_increment_check" CHECK ("pos_registers"."cash_increment_minor" between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "pos_registers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pos_sale_lines" (
	"company_id" uuid NOT NULL,
	"sale_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"variant_id" uuid NOT NULL,
	"description" text NOT NULL,
	"sku" text,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	"discount_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"tax_ids" uuid[] NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"returns_line_no" integer,
	CONSTRAINT "pos_sale_lines_company_id_sale_id_line_no_pk" PRIMARY KEY("company_id","sale_id","line_no"),
	CONSTRAINT "pos_sale_lines_quantity_check" CHECK ("pos_sale_lines"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "pos_sale_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pos_sales" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"register_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"client_sale_id" text NOT NULL,
	"receipt_number" text NOT NULL,
	"customer_id" uuid,
	"cashier_id" uuid,
	"returns_sale_id" uuid,
	"sold_at" timestamp (3) with time zone NOT NULL,
	"synced_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"offline" boolean DEFAULT false NOT NULL,
	"stock_flagged" boolean DEFAULT false NOT NULL,
	"currency_code" char(3) NOT NULL,
	"order_discount_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"rounding_minor" bigint DEFAULT 0 NOT NULL,
	"change_minor" bigint DEFAULT 0 NOT NULL,
	"taxes" jsonb NOT NULL,
	CONSTRAINT "pos_sales_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "pos_sales_kind_check" CHECK ("pos_sales"."kind" in ('sale', 'return')),
	CONSTRAINT "pos_sales_totals_check" CHECK ("pos_sales"."total_minor" = "pos_sales"."net_minor" + "pos_sales"."tax_minor")
);
--> statement-breakpoint
ALTER TABLE "pos_sales" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pos_shifts" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"register_id" uuid NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"opening_float_minor" bigint NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp (3) with time zone,
	"expected_cash_minor" bigint,
	"counted_cash_minor" bigint,
	"variance_minor" bigint,
	"denominations" jsonb,
	"closing_report" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pos_shifts_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "pos_shifts_state_check" CHECK ("pos_shifts"."state" in ('open', 'closed')),
	CONSTRAINT "pos_shifts_float_check" CHECK ("pos_shifts"."opening_float_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "pos_shifts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_cash_moves" ADD CONSTRAINT "pos_cash_moves_company_id_shift_id_pos_shifts_company_id_id_fk" FOREIGN KEY ("company_id","shift_id") REFERENCES "public"."pos_shifts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_payments" ADD CONSTRAINT "pos_payments_company_id_sale_id_pos_sales_company_id_id_fk" FOREIGN KEY ("company_id","sale_id") REFERENCES "public"."pos_sales"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_registers" ADD CONSTRAINT "pos_registers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_sale_lines" ADD CONSTRAINT "pos_sale_lines_company_id_sale_id_pos_sales_company_id_id_fk" FOREIGN KEY ("company_id","sale_id") REFERENCES "public"."pos_sales"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_sales" ADD CONSTRAINT "pos_sales_company_id_register_id_pos_registers_company_id_id_fk" FOREIGN KEY ("company_id","register_id") REFERENCES "public"."pos_registers"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_sales" ADD CONSTRAINT "pos_sales_company_id_shift_id_pos_shifts_company_id_id_fk" FOREIGN KEY ("company_id","shift_id") REFERENCES "public"."pos_shifts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_sales" ADD CONSTRAINT "pos_sales_company_id_returns_sale_id_pos_sales_company_id_id_fk" FOREIGN KEY ("company_id","returns_sale_id") REFERENCES "public"."pos_sales"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_shifts" ADD CONSTRAINT "pos_shifts_company_id_register_id_pos_registers_company_id_id_fk" FOREIGN KEY ("company_id","register_id") REFERENCES "public"."pos_registers"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pos_registers_code_unique" ON "pos_registers" USING btree ("company_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "pos_sales_client_unique" ON "pos_sales" USING btree ("company_id","register_id","client_sale_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pos_sales_receipt_unique" ON "pos_sales" USING btree ("company_id","register_id","receipt_number");--> statement-breakpoint
CREATE INDEX "pos_sales_shift_idx" ON "pos_sales" USING btree ("company_id","shift_id");--> statement-breakpoint
CREATE INDEX "pos_sales_sold_idx" ON "pos_sales" USING btree ("company_id","sold_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pos_shifts_one_open" ON "pos_shifts" USING btree ("company_id","register_id") WHERE "pos_shifts"."state" = 'open';--> statement-breakpoint
CREATE INDEX "pos_shifts_register_idx" ON "pos_shifts" USING btree ("company_id","register_id","opened_at");--> statement-breakpoint
CREATE POLICY "company_isolation" ON "pos_cash_moves" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "pos_payments" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "pos_registers" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "pos_sale_lines" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "pos_sales" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "pos_shifts" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "record_rules" ON "pos_shifts" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (tandem_record_visible('pos.shift', opened_by));