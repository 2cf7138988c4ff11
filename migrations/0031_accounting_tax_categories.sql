CREATE TABLE "accounting_tax_categories" (
	"company_id" uuid NOT NULL,
	"category" text NOT NULL,
	"sale_tax_id" uuid,
	"purchase_tax_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "accounting_tax_categories_company_id_category_pk" PRIMARY KEY("company_id","category")
);
--> statement-breakpoint
ALTER TABLE "accounting_tax_categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounting_tax_categories" ADD CONSTRAINT "accounting_tax_categories_company_id_sale_tax_id_accounting_taxes_company_id_id_fk" FOREIGN KEY ("company_id","sale_tax_id") REFERENCES "public"."accounting_taxes"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_tax_categories" ADD CONSTRAINT "accounting_tax_categories_company_id_purchase_tax_id_accounting_taxes_company_id_id_fk" FOREIGN KEY ("company_id","purchase_tax_id") REFERENCES "public"."accounting_taxes"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "company_isolation" ON "accounting_tax_categories" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);