ALTER TABLE "models" ADD COLUMN "images_artifact" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "image_shape" integer[];