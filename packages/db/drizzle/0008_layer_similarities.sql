CREATE TABLE "layer_similarities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "layer_similarities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"layer_id" integer NOT NULL,
	"other_layer_id" integer NOT NULL,
	"cka" double precision,
	"procrustes" double precision,
	"example_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "layer_similarities" ADD CONSTRAINT "layer_similarities_run_id_fit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."fit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "layer_similarities" ADD CONSTRAINT "layer_similarities_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "layer_similarities" ADD CONSTRAINT "layer_similarities_other_layer_id_layers_id_fk" FOREIGN KEY ("other_layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "layer_similarities_run_layer_other_uq" ON "layer_similarities" USING btree ("run_id","layer_id","other_layer_id");