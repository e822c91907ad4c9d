// Orders: creation with Razorpay's validation, lookup and listing.
import { collection, type Collection, type Notes, type Order, type OrderRecord, unixSeconds } from "./entities";
import { badRequest, unknownId } from "./errors";
import { newId } from "./ids";
import type { SandboxStore } from "./store";
import {
  amountField,
  asBody,
  booleanField,
  currencyField,
  integerQuery,
  notesField,
  paginationQuery,
  receiptField,
  rejectExtraFields,
} from "./validation";

const ORDER_FIELDS = ["amount", "currency", "receipt", "notes", "partial_payment", "first_payment_min_amount", "payment"] as const;

export function createOrder(store: SandboxStore, input: unknown): Order {
  const body = asBody(input);
  rejectExtraFields(body, ORDER_FIELDS);
  const amount = amountField(body.amount);
  const currency = currencyField(body.currency);
  const receipt = receiptField(body.receipt);
  const notes = notesField(body.notes);
  const partialPayment = booleanField(body.partial_payment, "partial_payment") ?? false;
  const capture = captureSetting(body.payment);
  // Documented as unique, and Razorpay's test mode enforces it: a retried create must look
  // the order up by receipt instead of creating it again.
  if (receipt !== null && [...store.orders.values()].some((record) => record.order.receipt === receipt)) {
    throw badRequest("Order receipt should be unique.", { field: "receipt" });
  }

  const order: Order = {
    id: newId("order"),
    entity: "order",
    amount,
    amount_paid: 0,
    amount_due: amount,
    currency,
    receipt,
    offer_id: null,
    status: "created",
    attempts: 0,
    notes: wireNotes(notes),
    created_at: unixSeconds(),
  };
  store.orders.set(order.id, { order, settings: { capture, partialPayment } });
  return order;
}

export function findOrder(store: SandboxStore, orderId: string): OrderRecord {
  const record = store.orders.get(orderId);
  if (!record) throw unknownId();
  return record;
}

export function listOrders(store: SandboxStore, query: URLSearchParams): Collection<Order> {
  const { count, skip } = paginationQuery(query);
  const receipt = query.get("receipt");
  const from = integerQuery(query, "from", 0);
  const to = integerQuery(query, "to", Number.MAX_SAFE_INTEGER);
  const matching = [...store.orders.values()]
    .map((record) => record.order)
    .filter((order) => receipt === null || order.receipt === receipt)
    .filter((order) => order.created_at >= from && order.created_at <= to)
    .reverse();
  return collection(matching.slice(skip, skip + count));
}

export function wireNotes(notes: Record<string, string>): Notes {
  return Object.keys(notes).length === 0 ? [] : notes;
}

function captureSetting(payment: unknown): "automatic" | "manual" {
  if (payment === undefined || payment === null) return "automatic";
  if (typeof payment !== "object" || Array.isArray(payment)) throw badRequest("The payment must be an object.", { field: "payment" });
  const capture = (payment as Record<string, unknown>).capture;
  if (capture === undefined || capture === "automatic" || capture === "manual") return capture ?? "automatic";
  throw badRequest("The payment.capture must be automatic or manual.", { field: "payment.capture" });
}
