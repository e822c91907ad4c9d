// The route table: Razorpay's REST API, the sandbox's own scripting endpoints for tests, and
// the public endpoints the checkout popup calls from the browser.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { collection } from "./entities";
import { badRequest } from "./errors";
import type { SandboxEvent } from "./events";
import { expandDottedKeys, type FaultInjector, faultsPatchSchema } from "./faults";
import { FAILURE_REASON_NAMES } from "./instruments";
import { createOrder, findOrder, listOrders } from "./orders";
import { attemptPayment, capturePayment, findPayment, type PaymentContext, type PaymentOutcome } from "./payments";
import { findRefund, refundPayment, refundsOfPayment } from "./refunds";
import { checkoutScript } from "./checkout-script";
import { notesField } from "./validation";
import type { WebhookDispatcher } from "./webhooks";

export interface SandboxCore {
  keyId: string;
  payments: PaymentContext;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  /** Persists state and hands the events to webhook delivery; called after every change. */
  commit(events: SandboxEvent[]): void;
}

/** `api`: Basic auth, subject to API faults. `sandbox`: Basic auth, never faulted. `public`: CORS, no auth. */
export type Access = "api" | "sandbox" | "public";

export interface RouteRequest {
  request: IncomingMessage;
  url: URL;
  params: string[];
  body: unknown;
  origin: string;
}

export type RouteReply = { status?: number; json: unknown } | { script: string };

export interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  access: Access;
  handle(input: RouteRequest): RouteReply;
}

const paymentMethodSchema = z.enum(["card", "upi", "netbanking", "wallet"]);

const scriptedPaymentSchema = z.strictObject({
  outcome: z.enum(["success", "failure"]),
  method: paymentMethodSchema.default("card"),
  amount: z.number().int().min(100).optional(),
  capture: z.boolean().optional(),
  force: z.boolean().default(false),
  reason: z.enum(FAILURE_REASON_NAMES).optional(),
});

// Non-strict: the popup also sends the card number, which, like Razorpay, the sandbox does not keep.
const checkoutPaymentSchema = z.object({
  key_id: z.string(),
  order_id: z.string().min(1),
  outcome: z.enum(["success", "failure"]),
  method: paymentMethodSchema,
  vpa: z.string().optional(),
  reason: z.enum(FAILURE_REASON_NAMES).optional(),
  email: z.string().optional(),
  contact: z.string().optional(),
  description: z.string().optional(),
  notes: z.unknown().optional(),
});

const ID = "([^/]+)";

export function sandboxRoutes(core: SandboxCore): Route[] {
  const context = core.payments;
  const store = context.store;
  const route = (method: Route["method"], path: string, access: Access, handle: Route["handle"]): Route => ({
    method,
    pattern: new RegExp(`^${path}/?$`),
    access,
    handle,
  });

  return [
    route("POST", "/v1/orders", "api", ({ body }) => {
      const order = createOrder(store, body);
      core.commit([]);
      return { json: order };
    }),
    route("GET", "/v1/orders", "api", ({ url }) => ({ json: listOrders(store, url.searchParams) })),
    route("GET", `/v1/orders/${ID}`, "api", ({ params }) => ({ json: findOrder(store, params[0]).order })),
    route("GET", `/v1/orders/${ID}/payments`, "api", ({ params }) => {
      findOrder(store, params[0]);
      return { json: collection(store.paymentsOfOrder(params[0]).reverse()) };
    }),
    route("GET", `/v1/payments/${ID}`, "api", ({ params }) => ({ json: findPayment(store, params[0]) })),
    route("POST", `/v1/payments/${ID}/capture`, "api", ({ params, body }) => {
      const { payment, events } = capturePayment(context, params[0], body);
      core.commit(events);
      return { json: payment };
    }),
    route("POST", `/v1/payments/${ID}/refund`, "api", ({ params, body, request }) => {
      const key = request.headers["x-refund-idempotency"];
      const { refund, events } = refundPayment(context, params[0], body, Array.isArray(key) ? key[0] : key);
      core.commit(events);
      return { json: refund };
    }),
    route("GET", `/v1/payments/${ID}/refunds`, "api", ({ params }) => ({ json: refundsOfPayment(context, params[0]) })),
    route("GET", `/v1/payments/${ID}/refunds/${ID}`, "api", ({ params }) => ({ json: findRefund(context, params[1], params[0]) })),
    route("GET", `/v1/refunds/${ID}`, "api", ({ params }) => ({ json: findRefund(context, params[0]) })),

    route("POST", `/v1/sandbox/orders/${ID}/pay`, "sandbox", ({ params, body }) => {
      const attempt = parseWith(scriptedPaymentSchema, body);
      const outcome = attemptPayment(context, params[0], attempt);
      core.commit(outcome.events);
      return { json: scriptedPaymentReply(outcome) };
    }),
    route("GET", "/v1/sandbox/faults", "sandbox", () => ({ json: core.faults.current() })),
    route("POST", "/v1/sandbox/faults", "sandbox", ({ body }) => ({
      json: core.faults.merge(parseWith(faultsPatchSchema, expandDottedKeys(body ?? {}))),
    })),
    route("DELETE", "/v1/sandbox/faults", "sandbox", () => {
      core.faults.clear();
      return { json: core.faults.current() };
    }),
    route("GET", "/v1/sandbox/webhooks", "sandbox", () => ({ json: collection(core.webhooks.history()) })),

    route("GET", "/v1/checkout.js", "public", ({ origin }) => ({ script: checkoutScript(origin) })),
    route("POST", "/v1/sandbox/checkout/pay", "public", ({ body }) => {
      const { key_id, order_id, notes, ...attempt } = parseWith(checkoutPaymentSchema, body);
      // Like real checkout, the public key is the only credential: it must name this merchant.
      if (key_id !== core.keyId) throw badRequest("The id provided does not exist", { field: "key_id" });
      const outcome = attemptPayment(context, order_id, { ...attempt, notes: notesField(notes) });
      core.commit(outcome.events);
      if (outcome.error) return { status: 400, json: { error: outcome.error } };
      return {
        json: {
          razorpay_payment_id: outcome.payment.id,
          razorpay_order_id: outcome.payment.order_id,
          razorpay_signature: outcome.signature,
        },
      };
    }),
  ];
}

function scriptedPaymentReply(outcome: PaymentOutcome) {
  return {
    razorpay_payment_id: outcome.payment.id,
    razorpay_order_id: outcome.payment.order_id,
    ...(outcome.signature === undefined ? {} : { razorpay_signature: outcome.signature }),
    payment: outcome.payment,
    webhooks: outcome.events.map((event) => ({ eventId: event.id, event: event.event })),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
  };
}

function parseWith<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join(".");
  throw badRequest(field ? `${field}: ${issue.message}` : issue.message, field ? { field } : {});
}
