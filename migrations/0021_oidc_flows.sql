CREATE TABLE "auth_oidc_flows" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"code_verifier_sealed" text NOT NULL,
	"nonce" text NOT NULL,
	"requested_company_id" uuid,
	"cookie" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "auth_oidc_flows" ENABLE ROW LEVEL SECURITY;