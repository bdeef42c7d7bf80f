CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "datasets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"class_count" integer NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataset_classes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dataset_classes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dataset_id" integer NOT NULL,
	"label" integer NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "architectures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "architectures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"family" text NOT NULL,
	"depth" integer
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"name" text NOT NULL,
	"architecture_id" integer NOT NULL,
	"dataset_id" integer NOT NULL,
	"seed" integer,
	"accuracy" double precision,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "examples" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "examples_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"split" text DEFAULT 'train' NOT NULL,
	"index" integer NOT NULL,
	"label" integer NOT NULL,
	"memorization" double precision,
	"memorization_se" double precision,
	"robustness_radius" double precision
);
--> statement-breakpoint
CREATE TABLE "layers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "layers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"name" text NOT NULL,
	"index" integer NOT NULL,
	"relative_depth" double precision NOT NULL,
	"dim" integer NOT NULL,
	"example_count" integer NOT NULL,
	"reduced_dim" integer,
	"svd_summary" jsonb,
	"activations_artifact" text NOT NULL,
	"projection_artifact" text
);
--> statement-breakpoint
CREATE TABLE "fit_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fit_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"task" text DEFAULT 'analyze-model' NOT NULL,
	"config_key" text NOT NULL,
	"config" jsonb NOT NULL,
	"backend" text,
	"seed" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" jsonb,
	"timings" jsonb,
	"error" text,
	"checkpoint_artifact" text,
	"worker_id" text,
	"heartbeat_at" timestamp with time zone,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "fit_runs_status_ck" CHECK ("fit_runs"."status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "layer_fits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "layer_fits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"reduced_dim" integer NOT NULL,
	"class_count" integer NOT NULL,
	"predictive_artifact" text NOT NULL,
	"timings" jsonb
);
--> statement-breakpoint
CREATE TABLE "class_fits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "class_fits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"label" integer NOT NULL,
	"n" integer NOT NULL,
	"mean_log_density" double precision,
	"sd_log_density" double precision,
	"relative_entropy" double precision,
	"relative_entropy_se" double precision,
	"mean_distance" double precision,
	"group" text,
	"cluster_count_trace" jsonb,
	"diagnostics" jsonb,
	"predictive_artifact" text
);
--> statement-breakpoint
CREATE TABLE "example_scores" (
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"example_id" integer NOT NULL,
	"own_log_density" double precision NOT NULL,
	"predicted_class" integer,
	CONSTRAINT "example_scores_pk" PRIMARY KEY("run_id","layer_id","example_id")
);
--> statement-breakpoint
CREATE TABLE "group_splits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_splits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"threshold" double precision NOT NULL,
	"gap" double precision NOT NULL,
	"low_count" integer NOT NULL,
	"high_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "genclass_results" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "genclass_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"subset" text NOT NULL,
	"f1_mean" double precision NOT NULL,
	"f1_sd" double precision NOT NULL,
	"accuracy" double precision NOT NULL,
	"f1_per_trace" jsonb,
	"example_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kl_matrices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kl_matrices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"subset" text NOT NULL,
	"labels" jsonb NOT NULL,
	"matrix" jsonb,
	"matrix_artifact" text,
	"mean" double precision NOT NULL,
	"sd" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "density_bins" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "density_bins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"bin" integer NOT NULL,
	"stats" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memorization_subsets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "memorization_subsets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"indices" jsonb NOT NULL,
	"class_labels" jsonb,
	"per_class" jsonb
);
--> statement-breakpoint
ALTER TABLE "dataset_classes" ADD CONSTRAINT "dataset_classes_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_architecture_id_architectures_id_fk" FOREIGN KEY ("architecture_id") REFERENCES "public"."architectures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "examples" ADD CONSTRAINT "examples_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "layers" ADD CONSTRAINT "layers_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fit_runs" ADD CONSTRAINT "fit_runs_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "layer_fits" ADD CONSTRAINT "layer_fits_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "layer_fits" ADD CONSTRAINT "layer_fits_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_fits" ADD CONSTRAINT "class_fits_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_fits" ADD CONSTRAINT "class_fits_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "example_scores" ADD CONSTRAINT "example_scores_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "example_scores" ADD CONSTRAINT "example_scores_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "example_scores" ADD CONSTRAINT "example_scores_example_id_examples_id_fk" FOREIGN KEY ("example_id") REFERENCES "public"."examples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_splits" ADD CONSTRAINT "group_splits_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_splits" ADD CONSTRAINT "group_splits_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "genclass_results" ADD CONSTRAINT "genclass_results_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "genclass_results" ADD CONSTRAINT "genclass_results_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kl_matrices" ADD CONSTRAINT "kl_matrices_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kl_matrices" ADD CONSTRAINT "kl_matrices_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "density_bins" ADD CONSTRAINT "density_bins_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "density_bins" ADD CONSTRAINT "density_bins_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memorization_subsets" ADD CONSTRAINT "memorization_subsets_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_name_uq" ON "projects" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_name_uq" ON "datasets" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_classes_dataset_label_uq" ON "dataset_classes" USING btree ("dataset_id","label");--> statement-breakpoint
CREATE UNIQUE INDEX "architectures_name_uq" ON "architectures" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "models_name_uq" ON "models" USING btree ("name");--> statement-breakpoint
CREATE INDEX "models_created_at_idx" ON "models" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "models_architecture_idx" ON "models" USING btree ("architecture_id");--> statement-breakpoint
CREATE INDEX "models_dataset_idx" ON "models" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "models_tags_idx" ON "models" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "examples_model_split_index_uq" ON "examples" USING btree ("model_id","split","index");--> statement-breakpoint
CREATE INDEX "examples_model_label_idx" ON "examples" USING btree ("model_id","label");--> statement-breakpoint
CREATE UNIQUE INDEX "layers_model_name_uq" ON "layers" USING btree ("model_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "layers_model_index_uq" ON "layers" USING btree ("model_id","index");--> statement-breakpoint
CREATE INDEX "layers_relative_depth_idx" ON "layers" USING btree ("relative_depth");--> statement-breakpoint
CREATE UNIQUE INDEX "fit_runs_model_config_uq" ON "fit_runs" USING btree ("model_id","config_key");--> statement-breakpoint
CREATE INDEX "fit_runs_status_created_idx" ON "fit_runs" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "layer_fits_run_layer_uq" ON "layer_fits" USING btree ("run_id","layer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "class_fits_run_layer_label_uq" ON "class_fits" USING btree ("run_id","layer_id","label");--> statement-breakpoint
CREATE INDEX "class_fits_layer_idx" ON "class_fits" USING btree ("layer_id");--> statement-breakpoint
CREATE INDEX "example_scores_example_idx" ON "example_scores" USING btree ("example_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_splits_run_layer_uq" ON "group_splits" USING btree ("run_id","layer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "genclass_results_run_layer_subset_uq" ON "genclass_results" USING btree ("run_id","layer_id","subset");--> statement-breakpoint
CREATE UNIQUE INDEX "kl_matrices_run_layer_subset_uq" ON "kl_matrices" USING btree ("run_id","layer_id","subset");--> statement-breakpoint
CREATE UNIQUE INDEX "density_bins_run_layer_bin_uq" ON "density_bins" USING btree ("run_id","layer_id","bin");--> statement-breakpoint
CREATE UNIQUE INDEX "memorization_subsets_model_purpose_name_uq" ON "memorization_subsets" USING btree ("model_id","purpose","name");