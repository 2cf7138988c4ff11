CREATE TABLE "event_deliveries" (
	"company_id" uuid NOT NULL,
	"subscriber" text NOT NULL,
	"event_id" uuid NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"txid" bigint NOT NULL,
	"seq" bigint NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"last_error" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_deliveries_company_id_subscriber_event_id_pk" PRIMARY KEY("company_id","subscriber","event_id")
);
--> statement-breakpoint
ALTER TABLE "event_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "event_processed" (
	"company_id" uuid NOT NULL,
	"subscriber" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_processed_company_id_subscriber_event_id_pk" PRIMARY KEY("company_id","subscriber","event_id")
);
--> statement-breakpoint
ALTER TABLE "event_processed" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "event_subscriptions" (
	"subscriber" text PRIMARY KEY NOT NULL,
	"last_txid" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_outbox" ADD COLUMN "txid" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "event_outbox" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "event_outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_processed" ADD CONSTRAINT "event_processed_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_deliveries_due_idx" ON "event_deliveries" USING btree ("subscriber","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "event_deliveries_aggregate_idx" ON "event_deliveries" USING btree ("subscriber","company_id","aggregate_type","aggregate_id","txid","seq");--> statement-breakpoint
CREATE INDEX "event_outbox_position_idx" ON "event_outbox" USING btree ("txid","seq");--> statement-breakpoint
CREATE INDEX "event_outbox_company_position_idx" ON "event_outbox" USING btree ("company_id","txid","seq");--> statement-breakpoint
CREATE POLICY "company_isolation" ON "event_deliveries" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "company_isolation" ON "event_processed" AS PERMISSIVE FOR ALL TO "tandem_app" USING (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid) WITH CHECK (company_id = nullif(current_setting('tandem.company_id', true), '')::uuid);