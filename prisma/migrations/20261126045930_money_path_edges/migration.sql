-- DropIndex
DROP INDEX "refunds_payment_id_reason_key";

-- DropIndex
DROP INDEX "refunds_status_idx";

-- AlterTable
ALTER TABLE "carts" ADD COLUMN     "checkout_key" TEXT;

-- AlterTable
ALTER TABLE "idempotency_keys" ADD COLUMN     "lock_token" UUID;

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "cancelled_at" TIMESTAMP(3),
ADD COLUMN     "gateway_checked_at" TIMESTAMP(3),
ADD COLUMN     "next_check_at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "amount_refunded" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "duplicate_facts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "error_reason" TEXT,
ADD COLUMN     "error_source" TEXT,
ADD COLUMN     "error_step" TEXT,
ADD COLUMN     "mismatch_reason" TEXT;

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "failure_reason" TEXT,
ADD COLUMN     "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "rejected_webhooks" (
    "day" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "last_event_id" TEXT,
    "last_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rejected_webhooks_pkey" PRIMARY KEY ("day","reason")
);

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_order_id_idx" ON "idempotency_keys"("order_id");

-- CreateIndex
CREATE INDEX "orders_email_created_at_idx" ON "orders"("email", "created_at");

-- CreateIndex
CREATE INDEX "orders_created_at_idx" ON "orders"("created_at");

-- CreateIndex
CREATE INDEX "refunds_payment_id_idx" ON "refunds"("payment_id");

-- CreateIndex
CREATE INDEX "refunds_order_id_idx" ON "refunds"("order_id");

-- CreateIndex
CREATE INDEX "refunds_status_next_attempt_at_idx" ON "refunds"("status", "next_attempt_at");

-- A paid order names its payment, and so does one that was refunded after it was paid.
ALTER TABLE "orders" DROP CONSTRAINT "orders_paid_has_payment";
ALTER TABLE "orders"
  ADD CONSTRAINT "orders_paid_has_payment" CHECK (("status" IN ('paid', 'partially_refunded', 'refunded')) = ("paid_payment_id" IS NOT NULL AND "paid_at" IS NOT NULL));

-- The refunds the shop decides by itself exist at most once per payment and reason, whatever
-- number of facts repeat the decision; admin and external refunds may be several per payment.
CREATE UNIQUE INDEX "refunds_one_automatic_per_payment_and_reason" ON "refunds" ("payment_id", "reason")
  WHERE "reason" IN ('duplicate_payment', 'order_expired', 'amount_mismatch');

ALTER TABLE "refunds"
  ADD CONSTRAINT "refunds_failed_has_reason" CHECK ("status" <> 'failed' OR "failure_reason" IS NOT NULL);

ALTER TABLE "payments"
  ADD CONSTRAINT "payments_refunded_within_amount" CHECK ("amount_refunded" >= 0 AND "amount_refunded" <= "amount"),
  ADD CONSTRAINT "payments_duplicate_facts_not_negative" CHECK ("duplicate_facts" >= 0);

-- Reconciliation reads the orders that are due, per population, oldest due first.
CREATE INDEX "orders_due_for_check" ON "orders" ("status", "next_check_at") WHERE "next_check_at" IS NOT NULL;

-- The open checkout of a cart.
CREATE INDEX "orders_cart_id_idx" ON "orders" ("cart_id") WHERE "cart_id" IS NOT NULL;

-- Orders already waiting are due now; expired ones are watched for late payments for three days.
-- (The column's default made every existing order due now; only those that can still change stay watched.)
UPDATE "orders" SET "next_check_at" = NULL WHERE NOT ("status" = 'pending' OR ("status" = 'expired' AND "expired_at" > now() - interval '3 days'));
