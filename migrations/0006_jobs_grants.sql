-- The application role enqueues and reads its company's jobs; running, retrying and scheduling
-- them is the workers' business (owner role).
REVOKE UPDATE, DELETE ON jobs FROM tandem_app;
--> statement-breakpoint
REVOKE ALL ON job_schedules FROM tandem_app;
