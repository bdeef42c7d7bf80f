ALTER TABLE "class_fits" ADD COLUMN "chain_mean_log_densities" jsonb;--> statement-breakpoint
ALTER TABLE "class_fits" ADD COLUMN "chain_relative_entropies" jsonb;--> statement-breakpoint
ALTER TABLE "class_fits" ADD COLUMN "mean_log_density_chain_sd" double precision;--> statement-breakpoint
ALTER TABLE "class_fits" ADD COLUMN "relative_entropy_chain_sd" double precision;--> statement-breakpoint
ALTER TABLE "class_fits" ADD COLUMN "group_chain_agreement" integer;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "modes_p_value" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "critical_bandwidth" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "modes_replicates" integer;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "gap_low" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "gap_high" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "sd_ratio" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "sd_ratio_low" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "sd_ratio_high" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "stability" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "bootstrap_replicates" integer;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "interval_level" double precision;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "chain_gaps" jsonb;--> statement-breakpoint
ALTER TABLE "group_splits" ADD COLUMN "chains_agreeing" integer;