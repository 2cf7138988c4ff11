CREATE TABLE "inventory_cost_layers" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"move_id" uuid NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_cost" numeric(20, 6) NOT NULL,
	"value_minor" bigint NOT NULL,
	"quantity_remaining" numeric(20, 6) NOT NULL,
	"value_remaining_minor" bigint NOT NULL,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_cost_layers_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_cost_layers_quantity_check" CHECK ("inventory_cost_layers"."quantity" > 0),
	CONSTRAINT "inventory_cost_layers_remaining_check" CHECK ("inventory_cost_layers"."quantity_remaining" >= 0 and "inventory_cost_layers"."quantity_remaining" <= "inventory_cost_layers"."quantity"
          and ("inventory_cost_layers"."quantity_remaining" > 0 or "inventory_cost_layers"."value_remaining_minor" = 0))
);
--> statement-breakpoint
ALTER TABLE "inventory_cost_layers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_cost_shortfalls" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"move_id" uuid NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_cost" numeric(20, 6) NOT NULL,
	"value_minor" bigint NOT NULL,
	"quantity_open" numeric(20, 6) NOT NULL,
	"value_open_minor" bigint NOT NULL,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_cost_shortfalls_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_cost_shortfalls_quantity_check" CHECK ("inventory_cost_shortfalls"."quantity" > 0),
	CONSTRAINT "inventory_cost_shortfalls_open_check" CHECK ("inventory_cost_shortfalls"."quantity_open" >= 0 and "inventory_cost_shortfalls"."quantity_open" <= "inventory_cost_shortfalls"."quantity"
          and ("inventory_cost_shortfalls"."quantity_open" > 0 or "inventory_cost_shortfalls"."value_open_minor" = 0))
);
--> statement-breakpoint
ALTER TABLE "inventory_cost_shortfalls" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_layer_consumptions" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"layer_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"move_id" uuid NOT NULL,
	"settled_by_move_id" uuid,
	"quantity" numeric(20, 6) NOT NULL,
	"value_minor" bigint NOT NULL,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_layer_consumptions_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_layer_consumptions_quantity_check" CHECK ("inventory_layer_consumptions"."quantity" <> 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_layer_consumptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_shortfall_settlements" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shortfall_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"move_id" uuid NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"value_minor" bigint NOT NULL,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_shortfall_settlements_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_shortfall_settlements_quantity_check" CHECK ("inventory_shortfall_settlements"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_shortfall_settlements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_valuation_entries" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"move_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"method" text NOT NULL,
	"currency_code" char(3) NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"value_minor" bigint NOT NULL,
	"settlement_minor" bigint DEFAULT 0 NOT NULL,
	"shortfall_quantity" numeric(20, 6) DEFAULT '0' NOT NULL,
	"unit_cost" numeric(20, 6) NOT NULL,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_valuation_entries_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_valuation_entries_quantity_check" CHECK ("inventory_valuation_entries"."quantity" <> 0),
	CONSTRAINT "inventory_valuation_entries_shortfall_check" CHECK ("inventory_valuation_entries"."shortfall_quantity" >= 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_valuation_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_valuations" (
	"company_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"method" text NOT NULL,
	"currency_code" char(3) NOT NULL,
	"quantity" numeric(20, 6) DEFAULT '0' NOT NULL,
	"value_minor" bigint DEFAULT 0 NOT NULL,
	"unit_cost" numeric(20, 6) DEFAULT '0' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_valuations_company_id_variant_id_pk" PRIMARY KEY("company_id","variant_id"),
	CONSTRAINT "inventory_valuations_method_check" CHECK ("inventory_valuations"."method" in ('fifo', 'average')),
	CONSTRAINT "inventory_valuations_zero_check" CHECK ("inventory_valuations"."quantity" <> 0 or "inventory_valuations"."value_minor" = 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_valuations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "inventory_moves" ADD COLUMN "unit_cost" numeric(20, 6);--> statement-breakpoint
ALTER TABLE "inventory_moves" ADD COLUMN "cost_source" text;--> statement-breakpoint
ALTER TABLE "inventory_cost_layers" ADD CONSTRAINT "inventory_cost_layers_company_id_move_id_inventory_moves_company_id_id_fk" FOREIGN KEY ("company_id","move_id") REFERENCES "public"."inventory_moves"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_cost_shortfalls" ADD CONSTRAINT "inventory_cost_shortfalls_company_id_move_id_inventory_moves_company_id_id_fk" FOREIGN KEY ("company_id","move_id") REFERENCES "public"."inventory_moves"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_layer_consumptions" ADD CONSTRAINT "inventory_layer_consumptions_company_id_layer_id_inventory_cost_layers_company_id_id_fk" FOREIGN KEY ("company_id","layer_id") REFERENCES "public"."inventory_cost_layers"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_layer_consumptions" ADD CONSTRAINT "inventory_layer_consumptions_company_id_move_id_inventory_moves_company_id_id_fk" FOREIGN KEY ("company_id","move_id") REFERENCES "public"."inventory_moves"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_layer_consumptions" ADD CONSTRAINT "inventory_layer_consumptions_company_id_settled_by_move_id_inventory_moves_company_id_id_fk" FOREIGN KEY ("company_id","settled_by_move_id") REFERENCES "public"."inventory_moves"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_shortfall_settlements" ADD CONSTRAINT "inventory_shortfall_settlements_company_id_shortfall_id_inventory_cost_shortfalls_company_id_id_fk" FOREIGN KEY ("company_id","shortfall_id") REFERENCES "public"."inventory_cost_shortfalls"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_shortfall_settlements" ADD CONSTRAINT "inventory_shortfall_settlements_company_id_move_id_inventory_moves_company_id_id_fk" FOREIGN KEY ("company_id","move_id") REFERENCES "public"."inventory_moves"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_valuation_entries" ADD CONSTRAINT "inventory_valuation_entries_company_id_move_id_inventory_moves_company_id_id_fk" FOREIGN KEY ("company_id","move_id") REFERENCES "public"."inventory_moves"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_valuations" ADD CONSTRAINT "inventory_valuations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_cost_layers_move_unique" ON "inventory_cost_layers" USING btree ("company_id","move_id");--> statement-breakpoint
CREATE INDEX "inventory_cost_layers_open_idx" ON "inventory_cost_layers" USING btree ("company_id","variant_id","posted_at","id") WHERE "inventory_cost_layers"."quantity_remaining" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_cost_shortfalls_move_unique" ON "inventory_cost_shortfalls" USING btree ("company_id","move_id");--> statement-breakpoint
CREATE INDEX "inventory_cost_shortfalls_open_idx" ON "inventory_cost_shortfalls" USING btree ("company_id","variant_id","posted_at","id") WHERE "inventory_cost_shortfalls"."quantity_open" > 0;--> statement-breakpoint
CREATE INDEX "inventory_layer_consumptions_layer_idx" ON "inventory_layer_consumptions" USING btree ("company_id","layer_id");--> statement-breakpoint
CREATE INDEX "inventory_layer_consumptions_move_idx" ON "inventory_layer_consumptions" USING btree ("company_id","move_id");--> statement-breakpoint
CREATE INDEX "inventory_shortfall_settlements_shortfall_idx" ON "inventory_shortfall_settlements" USING btree ("company_id","shortfall_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_valuation_entries_move_unique" ON "inventory_valuation_entries" USING btree ("company_id","move_id");--> statement-breakpoint
CREATE INDEX "inventory_valuation_entries_variant_idx" ON "inventory_valuation_entries" USING btree ("company_id","variant_id","posted_at");--> statement-breakpoint
ALTER TABLE "inventory_moves" ADD CONSTRAINT "inventory_moves_cost_check" CHECK (("inventory_moves"."cost_source" is null or "inventory_moves"."cost_source" in ('move', 'product', 'none'))
          and ("inventory_moves"."unit_cost" is null) = ("inventory_moves"."cost_source" is null) and ("inventory_moves"."unit_cost" is null or "inventory_moves"."unit_cost" >= 0));--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_cost_layers" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_cost_shortfalls" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_layer_consumptions" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_shortfall_settlements" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_valuation_entries" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_valuations" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);