-- The email outbox (issue 7): emails are written in the same transaction as the fact that causes
-- them (an order paid, a refund processed, a payment being refunded) and delivered afterwards, at
-- least once, with a Message-ID fixed at insert.

-- CreateEnum
CREATE TYPE "email_kind" AS ENUM ('order_confirmation', 'refund_notice', 'payment_refunding');

-- CreateEnum
CREATE TYPE "email_status" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "email_outbox" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "kind" "email_kind" NOT NULL,
    "refund_id" UUID,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "status" "email_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMP(3),
    "claim_token" UUID,
    "last_error" TEXT,
    "transport" TEXT,
    "sent_at" TIMESTAMP(3),
    "resends" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_outbox_message_id_key" ON "email_outbox"("message_id");

-- CreateIndex
CREATE INDEX "email_outbox_status_next_attempt_at_idx" ON "email_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "email_outbox_order_id_idx" ON "email_outbox"("order_id");

-- CreateIndex
CREATE INDEX "email_outbox_created_at_idx" ON "email_outbox"("created_at");

-- AddForeignKey
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "refunds"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One email per (order, kind, refund): a payment reported five times, or a refund webhook
-- delivered twice, inserts nothing more. A NULL refund_id (a confirmation) counts as one value.
CREATE UNIQUE INDEX "email_outbox_one_per_order_kind_refund" ON "email_outbox" ("order_id", "kind", COALESCE("refund_id", '00000000-0000-0000-0000-000000000000'::uuid));

ALTER TABLE "email_outbox"
  ADD CONSTRAINT "email_outbox_refund_kinds_name_a_refund" CHECK (("kind" = 'order_confirmation') = ("refund_id" IS NULL)),
  ADD CONSTRAINT "email_outbox_attempts_not_negative" CHECK ("attempts" >= 0 AND "resends" >= 0),
  ADD CONSTRAINT "email_outbox_sent_says_when_and_how" CHECK ("status" <> 'sent' OR ("sent_at" IS NOT NULL AND "transport" IS NOT NULL));
