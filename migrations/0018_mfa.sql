CREATE TABLE "auth_mfa_challenges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "auth_mfa_challenges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auth_mfa_totp" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"secret_sealed" text NOT NULL,
	"confirmed_at" timestamp (3) with time zone,
	"last_used_step" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auth_mfa_totp" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auth_recovery_codes" (
	"user_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_recovery_codes_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
ALTER TABLE "auth_recovery_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD COLUMN "mfa_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "auth_mfa_challenges" ADD CONSTRAINT "auth_mfa_challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_mfa_challenges" ADD CONSTRAINT "auth_mfa_challenges_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_mfa_totp" ADD CONSTRAINT "auth_mfa_totp_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_recovery_codes" ADD CONSTRAINT "auth_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auth_mfa_challenges_token_hash_unique" ON "auth_mfa_challenges" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "auth_mfa_challenges_expiry_idx" ON "auth_mfa_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_recovery_codes_hash_unique" ON "auth_recovery_codes" USING btree ("user_id","code_hash");--> statement-breakpoint
CREATE POLICY "own_rows" ON "auth_mfa_challenges" AS PERMISSIVE FOR ALL TO "tandem_app" USING (user_id = nullif(current_setting('tandem.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('tandem.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "own_rows" ON "auth_mfa_totp" AS PERMISSIVE FOR ALL TO "tandem_app" USING (user_id = nullif(current_setting('tandem.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('tandem.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "own_rows" ON "auth_recovery_codes" AS PERMISSIVE FOR ALL TO "tandem_app" USING (user_id = nullif(current_setting('tandem.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('tandem.user_id', true), '')::uuid);