CREATE INDEX "audit_log_time_idx" ON "audit_log" USING btree ("company_id","occurred_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seal_seq_unique" ON "audit_log" USING btree ("company_id","seal_seq");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("company_id","occurred_at","id") WHERE "audit_log"."hash" is null;