ALTER TABLE "accounting_invoice_lines" ADD COLUMN "kind" text DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ADD COLUMN "base_quantity" numeric(20, 6);--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ADD COLUMN "stated_net_minor" bigint;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD COLUMN "tax_rounding" text;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD COLUMN "prepaid_minor" bigint;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD COLUMN "rounding_minor" bigint;--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD COLUMN "source_file_key" text;--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ADD CONSTRAINT "accounting_invoice_lines_kind_check" CHECK ("accounting_invoice_lines"."kind" in ('item', 'allowance', 'charge'));--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ADD CONSTRAINT "accounting_invoice_lines_base_quantity_check" CHECK ("accounting_invoice_lines"."base_quantity" is null or "accounting_invoice_lines"."base_quantity" > 0);--> statement-breakpoint
ALTER TABLE "accounting_invoice_lines" ADD CONSTRAINT "accounting_invoice_lines_stated_net_check" CHECK ("accounting_invoice_lines"."stated_net_minor" is null or "accounting_invoice_lines"."stated_net_minor" = "accounting_invoice_lines"."net_minor");--> statement-breakpoint
ALTER TABLE "accounting_invoices" ADD CONSTRAINT "accounting_invoices_tax_rounding_check" CHECK ("accounting_invoices"."tax_rounding" is null or "accounting_invoices"."tax_rounding" in ('per_line', 'global'));