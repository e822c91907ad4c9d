// Webhook events. The body is serialised when the event happens, so each payload is a
// snapshot: a `payment.authorized` delivered late still shows the payment as authorized.
import type { Order, Payment, Refund } from "./entities";
import { unixSeconds } from "./entities";
import { newId } from "./ids";

export type EventName =
  | "payment.authorized"
  | "payment.captured"
  | "payment.failed"
  | "order.paid"
  | "refund.created"
  | "refund.processed";

export interface SandboxEvent {
  id: string;
  event: EventName;
  paymentId: string;
  orderId: string;
  /** The exact bytes POSTed and signed. */
  body: string;
}

interface Snapshot {
  payment: Payment;
  order?: Order;
  refund?: Refund;
}

export function buildEvent(accountId: string, event: EventName, snapshot: Snapshot): SandboxEvent {
  const contains = containedEntities(event);
  const payload: Record<string, { entity: Payment | Order | Refund }> = {};
  for (const name of contains) {
    const entity = snapshot[name];
    if (!entity) throw new Error(`${event} needs a ${name} snapshot`);
    payload[name] = { entity };
  }
  const envelope = {
    entity: "event",
    account_id: accountId,
    event,
    contains,
    payload,
    created_at: unixSeconds(),
  };
  return {
    id: newId("evt"),
    event,
    paymentId: snapshot.payment.id,
    orderId: snapshot.payment.order_id,
    body: JSON.stringify(envelope),
  };
}

function containedEntities(event: EventName): ("payment" | "order" | "refund")[] {
  if (event === "order.paid") return ["payment", "order"];
  if (event.startsWith("refund.")) return ["refund", "payment"];
  return ["payment"];
}
