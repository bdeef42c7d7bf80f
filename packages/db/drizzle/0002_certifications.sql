CREATE TABLE "certifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"network" text NOT NULL,
	"sigma" double precision NOT NULL,
	"n0" integer NOT NULL,
	"n" integer NOT NULL,
	"alpha" double precision NOT NULL,
	"seed" integer NOT NULL,
	"per_bin" integer NOT NULL,
	"run_id" integer,
	"layer_id" integer,
	"example_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "examples" ADD COLUMN "robustness_abstained" boolean;--> statement-breakpoint
ALTER TABLE "examples" ADD COLUMN "robustness_prediction" integer;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_model_uq" ON "certifications" USING btree ("model_id");