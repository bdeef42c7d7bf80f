CREATE TABLE "data_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_version_one_row_ck" CHECK ("data_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "data_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
-- Moves data_version on by one per writing transaction: the first row event of the transaction bumps it, the
-- others see the transaction-local mark and return. Deferred, so the row lock is held only while committing.
CREATE FUNCTION "classfit_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('classfit.data_version_bumped', true) = txid_current()::text THEN RETURN NULL; END IF;
  PERFORM set_config('classfit.data_version_bumped', txid_current()::text, true);
  UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Puts a table under data_version (every later migration that creates a table calls this for it).
CREATE FUNCTION "classfit_track_changes"(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE CONSTRAINT TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE ON %s DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "classfit_bump_data_version"()', target);
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('data_version', 'api_tokens') LOOP
    PERFORM "classfit_track_changes"(format('%I', t)::regclass);
  END LOOP;
END $$;
--> statement-breakpoint
-- API tokens: a use (last_used_at, stamped once a minute) is not a change; creating, revoking or deleting one is.
CREATE CONSTRAINT TRIGGER data_version_bump AFTER INSERT OR DELETE OR UPDATE OF "user_id", "name", "token_hash", "prefix", "expires_at", "revoked_at" ON "api_tokens" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "classfit_bump_data_version"();
