import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/components/api";
import { VERIFY_RETRY_DELAYS_MS, verifyWithRetries } from "@/components/payments/use-razorpay-payment";

const callback = { razorpay_order_id: "order_TestOrder000001", razorpay_payment_id: "pay_TestPayment00001", razorpay_signature: "0".repeat(64) };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const unavailable = () => json(503, { error: { code: "gateway_unavailable", message: "We could not confirm the payment with Razorpay yet" } });

function stubFetch(...answers: (() => Response | Promise<Response>)[]) {
  const fetch = vi.fn(async () => {
    const next = answers.shift();
    if (!next) throw new Error("unexpected call");
    return next();
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the browser's verify call after the popup", () => {
  it("retries a 5xx and a network failure with backoff until verify answers", async () => {
    vi.useFakeTimers();
    const fetch = stubFetch(unavailable, () => Promise.reject(new TypeError("Failed to fetch")), () => json(200, { status: "paid" }));
    const done = verifyWithRetries(callback);
    await vi.advanceTimersByTimeAsync(VERIFY_RETRY_DELAYS_MS[0]);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(VERIFY_RETRY_DELAYS_MS[1]);
    await expect(done).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("makes five attempts over about 20 seconds, then leaves it to the order page", async () => {
    vi.useFakeTimers();
    const fetch = stubFetch(unavailable, unavailable, unavailable, unavailable, unavailable);
    const done = verifyWithRetries(callback);
    await vi.advanceTimersByTimeAsync(VERIFY_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0));
    await expect(done).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(5);
    expect(VERIFY_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0)).toBeGreaterThanOrEqual(15_000);
  });

  it("does not retry a definite refusal", async () => {
    const fetch = stubFetch(() => json(400, { error: { code: "invalid_signature", message: "The payment signature does not match this order" } }));
    await expect(verifyWithRetries(callback)).rejects.toBeInstanceOf(ApiError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
