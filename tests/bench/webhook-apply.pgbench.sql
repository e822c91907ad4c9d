-- pgbench: the SQL one `payment.captured` webhook costs the shop end to end, each statement a
-- round trip as the shop makes it (lib/webhooks/inbox.ts, lib/payments/apply.ts,
-- lib/email/outbox.ts): store the event once, claim it, find the order, then in one transaction
-- lock the order, record the payment and its audit row, credit it, mark the order paid with its
-- audit row, queue the confirmation email; finally mark the event processed. Every transaction
-- pays its own order (a sequence hands them out), as distinct webhooks do.
SELECT nextval('bench_pgbench_order') AS n, 'evt_Pgb' || md5(random()::text || clock_timestamp()::text) AS evt, 'pay_Pgb' || substr(md5(random()::text || clock_timestamp()::text), 1, 14) AS pay \gset
INSERT INTO webhook_events (id, event, raw_body, key_id, razorpay_order_id, razorpay_payment_id) VALUES (:evt, 'payment.captured', repeat('x', 1400), 'k1', 'order_Pgb' || :n, :pay) ON CONFLICT DO NOTHING;
UPDATE webhook_events SET status = 'processing', attempts = attempts + 1, locked_until = now() + interval '30 seconds' WHERE id = :evt AND status = 'pending' RETURNING raw_body, attempts;
SELECT id FROM orders WHERE razorpay_order_id = 'order_Pgb' || :n \gset order_
BEGIN;
SELECT id FROM orders WHERE id = :order_id FOR UPDATE;
SELECT * FROM orders WHERE id = :order_id;
SELECT * FROM payments WHERE id = :pay;
INSERT INTO payments (id, order_id, status, amount, currency, method, amount_refunded, updated_at) VALUES (:pay, :order_id, 'captured', 100000, 'INR', 'card', 0, now()) ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status;
INSERT INTO order_events (order_id, actor, actor_ref, action, payment_id, from_state, to_state) VALUES (:order_id, 'webhook', :evt, 'payment.captured', :pay, 'new', 'captured');
SELECT id FROM refunds WHERE payment_id = :pay AND reason = 'order_expired' LIMIT 1;
UPDATE payments SET credited = true, updated_at = now() WHERE id = :pay;
UPDATE orders SET status = 'paid', paid_payment_id = :pay, paid_at = now(), next_check_at = now() + interval '1 day', updated_at = now() WHERE id = :order_id;
INSERT INTO order_events (order_id, actor, actor_ref, action, payment_id, from_state, to_state) VALUES (:order_id, 'webhook', :evt, 'order.paid', :pay, 'pending', 'paid');
SELECT * FROM orders WHERE id = :order_id;
SELECT * FROM order_items WHERE order_id = :order_id ORDER BY name;
INSERT INTO email_outbox (id, order_id, kind, to_address, subject, text_body, html_body, message_id, updated_at) VALUES (gen_random_uuid(), :order_id, 'order_confirmation', 'bench@example.com', 'Your order', repeat('t', 900), repeat('h', 3000), '<' || :evt || '@bench>', now()) ON CONFLICT DO NOTHING;
COMMIT;
UPDATE webhook_events SET status = 'processed', processed_at = now(), locked_until = NULL, outcome = 'applied; order paid', last_error = NULL WHERE id = :evt;
