// Shared set-up for the sandbox tests: a sandbox per test file, the official SDK pointed at
// it, a plain authenticated client for the sandbox-only endpoints, and a webhook receiver.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Razorpay from "razorpay";
import type { Orders } from "razorpay/dist/types/orders";
import type { Refunds } from "razorpay/dist/types/refunds";
import { type Sandbox, type SandboxOptions, startSandbox } from "@/sandbox/server";

export const KEY_ID = "rzp_test_SandboxKey0001";
export const KEY_SECRET = "sandbox_key_secret_for_tests";
export const WEBHOOK_SECRET = "sandbox_webhook_secret_for_tests";

export function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({
    keyId: KEY_ID,
    keySecret: KEY_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    webhookRetry: { baseDelayMs: 20, maxAttempts: 5, timeoutMs: 1_000 },
    ...options,
  });
}

/** The official SDK, pointed at the sandbox exactly as the shop does it. */
export function sdkFor(sandbox: Sandbox, keySecret = KEY_SECRET): Razorpay {
  const client = new Razorpay({ key_id: KEY_ID, key_secret: keySecret });
  (client.api as any).rq.defaults.baseURL = sandbox.url; // the SDK exposes no option for its axios base URL
  return client;
}

// The SDK's request types forbid the malformed bodies some tests send on purpose, so these two
// accept any object and let the sandbox do the validating.
export function createOrder(client: Razorpay, params: Record<string, unknown>): Promise<Orders.RazorpayOrder> {
  return client.orders.create(params as unknown as Orders.RazorpayOrderCreateRequestBody);
}

export function refund(client: Razorpay, paymentId: string, params: Record<string, unknown>): Promise<Refunds.RazorpayRefund> {
  return client.payments.refund(paymentId, params as Refunds.RazorpayRefundCreateRequestBody);
}

/** The SDK rejects with a plain `{ statusCode, error }` object; this hands it back for assertions. */
export async function sdkError(call: Promise<unknown>): Promise<{ statusCode: number; error: Record<string, unknown> }> {
  try {
    await call;
  } catch (rejection) {
    return rejection as { statusCode: number; error: Record<string, unknown> };
  }
  throw new Error("expected the SDK call to fail");
}

export interface JsonReply {
  status: number;
  body: any; // assertions read arbitrary fields of many shapes
}

/** Basic-authenticated JSON calls, for the sandbox's own endpoints and header-level checks. */
export function sandboxClient(sandbox: Sandbox) {
  const authorization = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString("base64")}`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonReply> => {
    const response = await fetch(sandbox.url + path, {
      method,
      headers: { authorization, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call("POST", path, body, headers),
    delete: (path: string) => call("DELETE", path),
    pay: (orderId: string, body: Record<string, unknown>) => call("POST", `/v1/sandbox/orders/${orderId}/pay`, body),
  };
}

export interface ReceivedWebhook {
  body: string;
  headers: IncomingHttpHeaders;
  event: string;
  eventId: string;
  receivedAt: number;
}

/** What the receiver does with the n-th request (0-based): answer a status, or never answer. */
export type Responder = (index: number, webhook: ReceivedWebhook) => number | "hang";

export async function startWebhookReceiver(responder: Responder = () => 200) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const webhook: ReceivedWebhook = {
        body,
        headers: request.headers,
        event: JSON.parse(body).event,
        eventId: String(request.headers["x-razorpay-event-id"]),
        receivedAt: Date.now(),
      };
      const answer = responder(received.length, webhook);
      received.push(webhook);
      if (answer === "hang") return;
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/razorpay`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
