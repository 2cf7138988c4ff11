CREATE TABLE "inventory_locations" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"warehouse_id" uuid,
	"parent_id" uuid,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "inventory_locations_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_locations_kind_check" CHECK ("inventory_locations"."kind" in ('internal', 'supplier', 'customer', 'loss', 'production', 'transit')),
	CONSTRAINT "inventory_locations_warehouse_check" CHECK (("inventory_locations"."kind" = 'internal') = ("inventory_locations"."warehouse_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "inventory_locations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_moves" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"from_location_id" uuid NOT NULL,
	"to_location_id" uuid NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"reason" text NOT NULL,
	"reference_type" text,
	"reference_id" text,
	"reverses_move_id" uuid,
	"forced_negative" boolean DEFAULT false NOT NULL,
	"idempotency_key" text,
	"note" text,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"posted_by" uuid,
	CONSTRAINT "inventory_moves_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_moves_quantity_check" CHECK ("inventory_moves"."quantity" > 0),
	CONSTRAINT "inventory_moves_locations_check" CHECK ("inventory_moves"."from_location_id" <> "inventory_moves"."to_location_id")
);
--> statement-breakpoint
ALTER TABLE "inventory_moves" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_reservations" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"reference_type" text NOT NULL,
	"reference_id" text NOT NULL,
	"released_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_reservations_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_reservations_quantity_check" CHECK ("inventory_reservations"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_reservations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_stock" (
	"company_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"quantity_on_hand" numeric(20, 6) DEFAULT '0' NOT NULL,
	"quantity_reserved" numeric(20, 6) DEFAULT '0' NOT NULL,
	"negative_flagged" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_stock_company_id_variant_id_location_id_pk" PRIMARY KEY("company_id","variant_id","location_id"),
	CONSTRAINT "inventory_stock_on_hand_check" CHECK ("inventory_stock"."quantity_on_hand" >= 0 or "inventory_stock"."negative_flagged"),
	CONSTRAINT "inventory_stock_reserved_check" CHECK ("inventory_stock"."quantity_reserved" >= 0)
);
--> statement-breakpoint
ALTER TABLE "inventory_stock" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inventory_warehouses" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"negative_stock" text DEFAULT 'refuse' NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "inventory_warehouses_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "inventory_warehouses_negative_check" CHECK ("inventory_warehouses"."negative_stock" in ('refuse', 'allow'))
);
--> statement-breakpoint
ALTER TABLE "inventory_warehouses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "inventory_locations" ADD CONSTRAINT "inventory_locations_company_id_warehouse_id_inventory_warehouses_company_id_id_fk" FOREIGN KEY ("company_id","warehouse_id") REFERENCES "public"."inventory_warehouses"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_locations" ADD CONSTRAINT "inventory_locations_company_id_parent_id_inventory_locations_company_id_id_fk" FOREIGN KEY ("company_id","parent_id") REFERENCES "public"."inventory_locations"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_moves" ADD CONSTRAINT "inventory_moves_company_id_from_location_id_inventory_locations_company_id_id_fk" FOREIGN KEY ("company_id","from_location_id") REFERENCES "public"."inventory_locations"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_moves" ADD CONSTRAINT "inventory_moves_company_id_to_location_id_inventory_locations_company_id_id_fk" FOREIGN KEY ("company_id","to_location_id") REFERENCES "public"."inventory_locations"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_moves" ADD CONSTRAINT "inventory_moves_company_id_reverses_move_id_inventory_moves_company_id_id_fk" FOREIGN KEY ("company_id","reverses_move_id") REFERENCES "public"."inventory_moves"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_reservations" ADD CONSTRAINT "inventory_reservations_company_id_variant_id_location_id_inventory_stock_company_id_variant_id_location_id_fk" FOREIGN KEY ("company_id","variant_id","location_id") REFERENCES "public"."inventory_stock"("company_id","variant_id","location_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_stock" ADD CONSTRAINT "inventory_stock_company_id_location_id_inventory_locations_company_id_id_fk" FOREIGN KEY ("company_id","location_id") REFERENCES "public"."inventory_locations"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_warehouses" ADD CONSTRAINT "inventory_warehouses_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_locations_name_unique" ON "inventory_locations" USING btree ("company_id","warehouse_id","parent_id","name");--> statement-breakpoint
CREATE INDEX "inventory_moves_variant_idx" ON "inventory_moves" USING btree ("company_id","variant_id","posted_at");--> statement-breakpoint
CREATE INDEX "inventory_moves_reference_idx" ON "inventory_moves" USING btree ("company_id","reference_type","reference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_moves_idempotency_unique" ON "inventory_moves" USING btree ("company_id","idempotency_key") WHERE "inventory_moves"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_moves_reversal_unique" ON "inventory_moves" USING btree ("company_id","reverses_move_id") WHERE "inventory_moves"."reverses_move_id" is not null;--> statement-breakpoint
CREATE INDEX "inventory_reservations_reference_idx" ON "inventory_reservations" USING btree ("company_id","reference_type","reference_id");--> statement-breakpoint
CREATE INDEX "inventory_stock_warehouse_idx" ON "inventory_stock" USING btree ("company_id","warehouse_id","variant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_warehouses_code_unique" ON "inventory_warehouses" USING btree ("company_id","code");--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_locations" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_moves" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_reservations" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_stock" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "inventory_warehouses" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);