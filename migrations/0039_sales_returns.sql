CREATE TABLE "sales_return_lines" (
	"company_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"quantity_credited" numeric(20, 6) NOT NULL,
	"move_id" uuid,
	CONSTRAINT "sales_return_lines_company_id_return_id_line_no_pk" PRIMARY KEY("company_id","return_id","line_no"),
	CONSTRAINT "sales_return_lines_quantity_check" CHECK ("sales_return_lines"."quantity" > 0),
	CONSTRAINT "sales_return_lines_credited_check" CHECK ("sales_return_lines"."quantity_credited" >= 0 and "sales_return_lines"."quantity_credited" <= "sales_return_lines"."quantity")
);
--> statement-breakpoint
ALTER TABLE "sales_return_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_returns" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"number" text NOT NULL,
	"reason" text NOT NULL,
	"returned_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"returned_by" uuid,
	"credit_note_id" uuid,
	CONSTRAINT "sales_returns_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "sales_returns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sales_order_lines" ADD COLUMN "quantity_returned" numeric(20, 6) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_order_lines" ADD COLUMN "quantity_credited" numeric(20, 6) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_return_lines" ADD CONSTRAINT "sales_return_lines_company_id_return_id_sales_returns_company_id_id_fk" FOREIGN KEY ("company_id","return_id") REFERENCES "public"."sales_returns"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_returns" ADD CONSTRAINT "sales_returns_company_id_order_id_sales_orders_company_id_id_fk" FOREIGN KEY ("company_id","order_id") REFERENCES "public"."sales_orders"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sales_returns_number_unique" ON "sales_returns" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "sales_returns_order_idx" ON "sales_returns" USING btree ("company_id","order_id");--> statement-breakpoint
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_returned_check" CHECK ("sales_order_lines"."quantity_returned" >= 0 and "sales_order_lines"."quantity_returned" <= "sales_order_lines"."quantity_delivered");--> statement-breakpoint
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_credited_check" CHECK ("sales_order_lines"."quantity_credited" >= 0 and "sales_order_lines"."quantity_credited" <= "sales_order_lines"."quantity_invoiced" and "sales_order_lines"."quantity_credited" <= "sales_order_lines"."quantity_returned");--> statement-breakpoint
CREATE POLICY "company_isolation" ON "sales_return_lines" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "sales_returns" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);