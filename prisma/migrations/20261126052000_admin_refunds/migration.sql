-- Refunds an admin makes from the shop: who asked, why, whether the stock goes back, and the
-- Idempotency-Key that makes a double click or a retry refund once.
ALTER TABLE "refunds" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "requested_by" TEXT,
ADD COLUMN     "restock" BOOLEAN NOT NULL DEFAULT false;

CREATE UNIQUE INDEX "refunds_order_id_idempotency_key_key" ON "refunds"("order_id", "idempotency_key");

ALTER TABLE "refunds"
  ADD CONSTRAINT "refunds_admin_names_its_request" CHECK ("reason" <> 'admin' OR ("idempotency_key" IS NOT NULL AND "requested_by" IS NOT NULL AND "note" IS NOT NULL));
