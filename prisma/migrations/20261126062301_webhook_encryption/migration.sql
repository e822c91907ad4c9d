-- Webhook bodies are encrypted at rest from now on (lib/security/encryption.ts): raw_body holds
-- an envelope v1:<keyId>:<iv>:<tag>:<ciphertext>, and key_id repeats its key id so rows still in
-- plaintext (key_id NULL, stored before this migration) or under a rotated-out key can be found
-- and re-encrypted by `npm run webhooks:encrypt`. Until then they stay readable as they are.
--
-- The database can no longer read the payload, so what the admin looks webhooks up by is stored
-- in plain columns at insert: Razorpay's order and payment ids (identifiers, not personal data).
-- They replace the expression index on the payload from migration admin_webhook_lookup.
ALTER TABLE "webhook_events"
  ADD COLUMN "key_id" TEXT,
  ADD COLUMN "razorpay_order_id" TEXT,
  ADD COLUMN "razorpay_payment_id" TEXT;

-- Existing rows are plaintext: fill the new columns from their payloads. A body jsonb cannot read
-- yields NULL (as the old index function did) instead of failing the migration.
CREATE FUNCTION "webhook_ids_for_backfill"(body text, OUT order_id text, OUT payment_id text)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  doc jsonb;
BEGIN
  doc := body::jsonb;
  order_id := COALESCE(doc #>> '{payload,payment,entity,order_id}', doc #>> '{payload,order,entity,id}');
  payment_id := COALESCE(doc #>> '{payload,payment,entity,id}', doc #>> '{payload,refund,entity,payment_id}');
EXCEPTION WHEN others THEN
  order_id := NULL;
  payment_id := NULL;
END
$$;

UPDATE "webhook_events"
SET "razorpay_order_id" = ("webhook_ids_for_backfill"("raw_body")).order_id,
    "razorpay_payment_id" = ("webhook_ids_for_backfill"("raw_body")).payment_id;

DROP FUNCTION "webhook_ids_for_backfill"(text);

CREATE INDEX "webhook_events_razorpay_order_id_idx" ON "webhook_events" ("razorpay_order_id");
CREATE INDEX "webhook_events_key_id_idx" ON "webhook_events" ("key_id");

DROP INDEX "webhook_events_payment_order_id_idx";
DROP FUNCTION "webhook_payment_order_id"(text);
