CREATE TABLE "fit_run_layers" (
	"run_id" integer NOT NULL,
	"layer" text NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"job_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"worker_id" text,
	"host" text,
	"backend" text,
	"heartbeat_at" timestamp with time zone,
	"checkpoint_artifact" text,
	"error" text,
	"finished_at" timestamp with time zone,
	CONSTRAINT "fit_run_layers_run_id_layer_pk" PRIMARY KEY("run_id","layer"),
	CONSTRAINT "fit_run_layers_status_ck" CHECK ("fit_run_layers"."status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "fit_run_layers" ADD CONSTRAINT "fit_run_layers_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;