import Razorpay from "razorpay";
import { z } from "zod";
import { config } from "@/lib/config";
import type { Money } from "@/lib/money";
import {
  razorpayCollection,
  razorpayOrderEntity,
  razorpayPaymentEntity,
  razorpayRefundEntity,
  toGatewayOrder,
  toGatewayPayment,
  toGatewayRefund,
  type GatewayOrder,
  type GatewayPayment,
  type GatewayRefund,
} from "./entities";

/**
 * Every call to Razorpay goes through here, made with the official SDK. Responses are validated
 * and translated to the shop's types; failures become a GatewayError that says whether retrying
 * can help. In sandbox mode the SDK's HTTP client is pointed at the local sandbox instead.
 */
export class GatewayError extends Error {
  constructor(
    /** `unavailable`: no answer, a timeout or a 5xx/429, so the outcome is unknown and a retry may help. `rejected`: Razorpay said no. */
    readonly kind: "unavailable" | "rejected",
    readonly description: string,
    readonly statusCode?: number,
    readonly code?: string,
    /** Razorpay's machine-readable reason for a refusal, e.g. `input_validation_failed`. */
    readonly reason?: string,
  ) {
    super(`Razorpay ${kind}: ${description}`);
    this.name = "GatewayError";
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

interface SdkRejection {
  statusCode: number;
  error?: { code?: string; description?: string; reason?: string };
}

function isSdkRejection(value: unknown): value is SdkRejection {
  return typeof value === "object" && value !== null && typeof (value as SdkRejection).statusCode === "number";
}

function toGatewayError(reason: unknown): GatewayError {
  if (isSdkRejection(reason)) {
    const description = reason.error?.description ?? `HTTP ${reason.statusCode}`;
    // 409: a request with the same idempotency key is still in flight at Razorpay; asking again later is right.
    const retryable = reason.statusCode >= 500 || reason.statusCode === 429 || reason.statusCode === 409;
    return new GatewayError(retryable ? "unavailable" : "rejected", description, reason.statusCode, reason.error?.code, reason.error?.reason);
  }
  // The SDK turns network failures and timeouts into a TypeError about `status`.
  return new GatewayError("unavailable", reason instanceof Error ? reason.message : String(reason));
}

let client: Razorpay | undefined;

/** The SDK's axios instance (its base URL, auth and timeout), for the one call the SDK cannot make with a header. */
interface SdkHttp {
  defaults: { baseURL?: string; timeout?: number };
  post(url: string, data: unknown, options: { headers: Record<string, string> }): Promise<{ data: unknown }>;
}

function sdkHttp(): SdkHttp {
  return (sdk().api as unknown as { rq: SdkHttp }).rq;
}

function sdk(): Razorpay {
  if (!client) {
    const { keyId, keySecret, sandboxUrl } = config().razorpay;
    client = new Razorpay({ key_id: keyId, key_secret: keySecret });
    // The SDK has no option for its host or timeout; its axios instance does.
    const http = (client.api as unknown as { rq: SdkHttp }).rq;
    if (sandboxUrl) http.defaults.baseURL = sandboxUrl;
    http.defaults.timeout = REQUEST_TIMEOUT_MS;
  }
  return client;
}

/**
 * How the calls this process made lately went (issue 9: GET /api/health reports it rather than
 * calling Razorpay on every load-balancer probe). A refusal is an answer: only "no answer, a
 * timeout or a 5xx/429" counts as Razorpay being unavailable.
 */
export interface GatewayCallOutcomes {
  lastAnsweredAt: Date | null;
  lastUnavailableAt: Date | null;
  /** Unavailable answers in a row since the last answer. */
  unavailableInARow: number;
}
const outcomes: GatewayCallOutcomes = { lastAnsweredAt: null, lastUnavailableAt: null, unavailableInARow: 0 };

export function gatewayCallOutcomes(): GatewayCallOutcomes {
  return { ...outcomes };
}

function recordOutcome(answered: boolean): void {
  if (answered) Object.assign(outcomes, { lastAnsweredAt: new Date(), unavailableInARow: 0 });
  else Object.assign(outcomes, { lastUnavailableAt: new Date(), unavailableInARow: outcomes.unavailableInARow + 1 });
}

async function call<S extends z.ZodType>(request: () => Promise<unknown>, shape: S): Promise<z.output<S>> {
  let response: unknown;
  try {
    response = await request();
  } catch (reason) {
    const error = toGatewayError(reason);
    recordOutcome(error.kind === "rejected");
    throw error;
  }
  recordOutcome(true);
  const parsed = shape.safeParse(response);
  if (!parsed.success) throw new GatewayError("rejected", `unexpected response shape: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export async function createGatewayOrder(input: { amount: Money; receipt: string; notes: Record<string, string> }): Promise<GatewayOrder> {
  const entity = await call(
    () => sdk().orders.create({ amount: input.amount.amount, currency: input.amount.currency, receipt: input.receipt, notes: input.notes, payment: { capture: "automatic" } } as Parameters<Razorpay["orders"]["create"]>[0]),
    razorpayOrderEntity,
  );
  return toGatewayOrder(entity);
}

/** Finds the gateway order created for our receipt, if a previous attempt got that far. */
export async function findGatewayOrderByReceipt(receipt: string): Promise<GatewayOrder | null> {
  const list = await call(() => sdk().orders.all({ receipt, count: 1 }), razorpayCollection(razorpayOrderEntity));
  const match = list.items.find((item) => item.receipt === receipt);
  return match ? toGatewayOrder(match) : null;
}

export async function fetchGatewayOrder(razorpayOrderId: string): Promise<GatewayOrder> {
  return toGatewayOrder(await call(() => sdk().orders.fetch(razorpayOrderId), razorpayOrderEntity));
}

export async function fetchGatewayOrderPayments(razorpayOrderId: string): Promise<GatewayPayment[]> {
  const list = await call(() => sdk().orders.fetchPayments(razorpayOrderId), razorpayCollection(razorpayPaymentEntity));
  return list.items.map(toGatewayPayment);
}

export async function fetchGatewayPayment(paymentId: string): Promise<GatewayPayment> {
  return toGatewayPayment(await call(() => sdk().payments.fetch(paymentId), razorpayPaymentEntity));
}

/** Captures an authorised payment. "Already captured" is success: the payment is fetched and returned. */
export async function captureGatewayPayment(paymentId: string, amount: Money): Promise<GatewayPayment> {
  try {
    return toGatewayPayment(await call(() => sdk().payments.capture(paymentId, amount.amount, amount.currency), razorpayPaymentEntity));
  } catch (error) {
    if (error instanceof GatewayError && /already been captured/i.test(error.description)) return fetchGatewayPayment(paymentId);
    throw error;
  }
}

/**
 * Refunds a payment with Razorpay's `X-Refund-Idempotency` header (at least 10 characters): a
 * retry with the same key after a lost response returns the refund already made, never a second
 * one. The SDK cannot send that header (its allow-list has two others), so this one call goes
 * through the SDK's own HTTP client, with its base URL, credentials and timeout.
 */
export async function refundGatewayPayment(
  paymentId: string,
  input: { amount: Money; receipt: string; notes: Record<string, string>; idempotencyKey: string },
): Promise<GatewayRefund> {
  const body = { amount: input.amount.amount, receipt: input.receipt, notes: input.notes, speed: "normal" };
  const request = async () => {
    try {
      return (await sdkHttp().post(`/v1/payments/${encodeURIComponent(paymentId)}/refund`, body, { headers: { "X-Refund-Idempotency": input.idempotencyKey } })).data;
    } catch (error) {
      // The same shape the SDK gives its own rejections; a missing response is a network failure.
      const response = (error as { response?: { status: number; data?: { error?: SdkRejection["error"] } } }).response;
      throw response ? ({ statusCode: response.status, error: response.data?.error } satisfies SdkRejection) : error;
    }
  };
  return toGatewayRefund(await call(request, razorpayRefundEntity));
}

export async function fetchGatewayRefunds(paymentId: string): Promise<GatewayRefund[]> {
  const list = await call(() => sdk().payments.fetchMultipleRefund(paymentId), razorpayCollection(razorpayRefundEntity));
  return list.items.map(toGatewayRefund);
}
