ALTER TABLE "class_fits" ADD COLUMN "held_out_in_sample_mean_log_density" double precision;--> statement-breakpoint
ALTER TABLE "class_fits" ADD COLUMN "held_out_mean_log_density" double precision;--> statement-breakpoint
ALTER TABLE "class_fits" ADD COLUMN "held_out_count" integer;