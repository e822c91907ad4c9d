-- New order states and refund reasons. Added in a migration of their own: PostgreSQL lets a
-- transaction use a new enum value only after the transaction that added it has committed.
ALTER TYPE "order_status" ADD VALUE 'cancelled';
ALTER TYPE "order_status" ADD VALUE 'refunded';
ALTER TYPE "order_status" ADD VALUE 'partially_refunded';

ALTER TYPE "refund_reason" ADD VALUE 'amount_mismatch';
ALTER TYPE "refund_reason" ADD VALUE 'external';
ALTER TYPE "refund_reason" ADD VALUE 'admin';
