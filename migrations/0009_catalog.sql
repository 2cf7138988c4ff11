CREATE TABLE "catalog_categories" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"valuation" text DEFAULT 'average' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "catalog_categories_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "catalog_categories_valuation_check" CHECK ("catalog_categories"."valuation" in ('fifo', 'average'))
);
--> statement-breakpoint
ALTER TABLE "catalog_categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_packagings" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"barcode" text,
	CONSTRAINT "catalog_packagings_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "catalog_packagings_quantity_check" CHECK ("catalog_packagings"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "catalog_packagings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_products" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"category_id" uuid,
	"unit_code" text NOT NULL,
	"tax_category" text DEFAULT 'standard' NOT NULL,
	"currency_code" text NOT NULL,
	"sale_price" numeric(20, 6) NOT NULL,
	"cost_price" numeric(20, 6),
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "catalog_products_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "catalog_products_kind_check" CHECK ("catalog_products"."kind" in ('stockable', 'consumable', 'service')),
	CONSTRAINT "catalog_products_prices_check" CHECK ("catalog_products"."sale_price" >= 0 and ("catalog_products"."cost_price" is null or "catalog_products"."cost_price" >= 0))
);
--> statement-breakpoint
ALTER TABLE "catalog_products" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_variants" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"barcode" text,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sale_price" numeric(20, 6),
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "catalog_variants_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "catalog_variants_price_check" CHECK ("catalog_variants"."sale_price" is null or "catalog_variants"."sale_price" >= 0)
);
--> statement-breakpoint
ALTER TABLE "catalog_variants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "catalog_categories" ADD CONSTRAINT "catalog_categories_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_categories" ADD CONSTRAINT "catalog_categories_company_id_parent_id_catalog_categories_company_id_id_fk" FOREIGN KEY ("company_id","parent_id") REFERENCES "public"."catalog_categories"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_packagings" ADD CONSTRAINT "catalog_packagings_company_id_variant_id_catalog_variants_company_id_id_fk" FOREIGN KEY ("company_id","variant_id") REFERENCES "public"."catalog_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_products" ADD CONSTRAINT "catalog_products_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_products" ADD CONSTRAINT "catalog_products_company_id_category_id_catalog_categories_company_id_id_fk" FOREIGN KEY ("company_id","category_id") REFERENCES "public"."catalog_categories"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_variants" ADD CONSTRAINT "catalog_variants_company_id_product_id_catalog_products_company_id_id_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."catalog_products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_categories_name_unique" ON "catalog_categories" USING btree ("company_id","parent_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_packagings_barcode_unique" ON "catalog_packagings" USING btree ("company_id","barcode") WHERE "catalog_packagings"."barcode" is not null;--> statement-breakpoint
CREATE INDEX "catalog_products_name_trgm" ON "catalog_products" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "catalog_products_name_idx" ON "catalog_products" USING btree ("company_id","name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_variants_sku_unique" ON "catalog_variants" USING btree ("company_id","sku");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_variants_barcode_unique" ON "catalog_variants" USING btree ("company_id","barcode") WHERE "catalog_variants"."barcode" is not null;--> statement-breakpoint
CREATE INDEX "catalog_variants_product_idx" ON "catalog_variants" USING btree ("company_id","product_id");--> statement-breakpoint
CREATE INDEX "catalog_variants_sku_trgm" ON "catalog_variants" USING gin (lower("sku") gin_trgm_ops);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "catalog_categories" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "catalog_packagings" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "catalog_products" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "catalog_variants" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);