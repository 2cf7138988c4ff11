CREATE TABLE "accounting_dunning_notices" (
	"company_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"sent_to" text NOT NULL,
	"amount_due_minor" bigint NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounting_dunning_notices_company_id_invoice_id_level_pk" PRIMARY KEY("company_id","invoice_id","level")
);
--> statement-breakpoint
ALTER TABLE "accounting_dunning_notices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounting_settings" ADD COLUMN "dunning_levels" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "accounting_dunning_notices" ADD CONSTRAINT "accounting_dunning_notices_company_id_invoice_id_accounting_invoices_company_id_id_fk" FOREIGN KEY ("company_id","invoice_id") REFERENCES "public"."accounting_invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_dunning_notices" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);