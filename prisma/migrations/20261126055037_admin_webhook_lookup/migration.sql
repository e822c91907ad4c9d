-- The admin's order page lists the webhooks about an order, including dead-lettered ones that
-- never reached the audit trail, by the Razorpay order id in their payload. Every payment.*,
-- order.paid and refund.* event carries the payment entity, whose order_id names the order.
-- An expression index makes that lookup an index scan instead of parsing every stored body.

-- IMMUTABLE (a pure function of the text) so it can be indexed; a body PostgreSQL's jsonb cannot
-- read (JSON.parse accepts a few things jsonb refuses, such as \u0000) yields NULL instead of
-- failing the INSERT, so storing a webhook can never fail because of this index.
CREATE FUNCTION "webhook_payment_order_id"(body text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (body::jsonb) #>> '{payload,payment,entity,order_id}';
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

CREATE INDEX "webhook_events_payment_order_id_idx" ON "webhook_events" ("webhook_payment_order_id"("raw_body"));
