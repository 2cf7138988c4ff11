CREATE TABLE "sales_counters" (
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_counters_company_id_name_pk" PRIMARY KEY("company_id","name")
);
--> statement-breakpoint
ALTER TABLE "sales_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_deliveries" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"number" text NOT NULL,
	"delivered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"delivered_by" uuid,
	"invoice_id" uuid,
	CONSTRAINT "sales_deliveries_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "sales_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_delivery_lines" (
	"company_id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"move_id" uuid,
	CONSTRAINT "sales_delivery_lines_company_id_delivery_id_line_no_pk" PRIMARY KEY("company_id","delivery_id","line_no"),
	CONSTRAINT "sales_delivery_lines_quantity_check" CHECK ("sales_delivery_lines"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "sales_delivery_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_order_lines" (
	"company_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"variant_id" uuid NOT NULL,
	"description" text NOT NULL,
	"sku" text,
	"unit_code" text NOT NULL,
	"stocked" boolean NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_price" numeric(20, 6) NOT NULL,
	"discount_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"tax_ids" uuid[] NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"quantity_delivered" numeric(20, 6) DEFAULT '0' NOT NULL,
	"quantity_invoiced" numeric(20, 6) DEFAULT '0' NOT NULL,
	"reservation_id" uuid,
	"quantity_reserved" numeric(20, 6) DEFAULT '0' NOT NULL,
	CONSTRAINT "sales_order_lines_company_id_order_id_line_no_pk" PRIMARY KEY("company_id","order_id","line_no"),
	CONSTRAINT "sales_order_lines_quantity_check" CHECK ("sales_order_lines"."quantity" > 0),
	CONSTRAINT "sales_order_lines_delivered_check" CHECK ("sales_order_lines"."quantity_delivered" >= 0 and "sales_order_lines"."quantity_delivered" <= "sales_order_lines"."quantity"),
	CONSTRAINT "sales_order_lines_invoiced_check" CHECK ("sales_order_lines"."quantity_invoiced" >= 0 and "sales_order_lines"."quantity_invoiced" <= "sales_order_lines"."quantity")
);
--> statement-breakpoint
ALTER TABLE "sales_order_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_orders" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"state" text DEFAULT 'quotation' NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_date" date NOT NULL,
	"valid_until" date,
	"currency_code" char(3) NOT NULL,
	"payment_term_days" integer,
	"customer_reference" text,
	"warehouse_id" uuid NOT NULL,
	"stock_location_id" uuid NOT NULL,
	"invoice_policy" text DEFAULT 'delivery' NOT NULL,
	"note" text,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"confirmed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sales_orders_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "sales_orders_state_check" CHECK ("sales_orders"."state" in ('quotation', 'confirmed', 'done', 'cancelled')),
	CONSTRAINT "sales_orders_policy_check" CHECK ("sales_orders"."invoice_policy" in ('order', 'delivery')),
	CONSTRAINT "sales_orders_totals_check" CHECK ("sales_orders"."total_minor" = "sales_orders"."net_minor" + "sales_orders"."tax_minor")
);
--> statement-breakpoint
ALTER TABLE "sales_orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sales_counters" ADD CONSTRAINT "sales_counters_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_deliveries" ADD CONSTRAINT "sales_deliveries_company_id_order_id_sales_orders_company_id_id_fk" FOREIGN KEY ("company_id","order_id") REFERENCES "public"."sales_orders"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_delivery_lines" ADD CONSTRAINT "sales_delivery_lines_company_id_delivery_id_sales_deliveries_company_id_id_fk" FOREIGN KEY ("company_id","delivery_id") REFERENCES "public"."sales_deliveries"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_company_id_order_id_sales_orders_company_id_id_fk" FOREIGN KEY ("company_id","order_id") REFERENCES "public"."sales_orders"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_orders" ADD CONSTRAINT "sales_orders_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sales_deliveries_number_unique" ON "sales_deliveries" USING btree ("company_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_orders_number_unique" ON "sales_orders" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "sales_orders_customer_idx" ON "sales_orders" USING btree ("company_id","customer_id","order_date");--> statement-breakpoint
CREATE INDEX "sales_orders_state_idx" ON "sales_orders" USING btree ("company_id","state","created_at");--> statement-breakpoint
CREATE POLICY "company_isolation" ON "sales_counters" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "sales_deliveries" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "sales_delivery_lines" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "sales_order_lines" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "sales_orders" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "record_rules" ON "sales_orders" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (tandem_record_visible('sales.order', created_by));