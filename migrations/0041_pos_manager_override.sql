CREATE TABLE "pos_manager_pins" (
	"company_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"pin_hash" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_manager_pins_company_id_user_id_pk" PRIMARY KEY("company_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "pos_manager_pins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_registers" ADD COLUMN "discount_limit_percent" numeric(7, 4);--> statement-breakpoint
ALTER TABLE "pos_registers" ADD COLUMN "returns_need_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "pos_sales" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "pos_manager_pins" ADD CONSTRAINT "pos_manager_pins_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "company_isolation" ON "pos_manager_pins" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);