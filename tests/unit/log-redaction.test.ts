import { afterEach, describe, expect, it } from "vitest";
import { captureLogs, log, prettyLine, withLogContext, withRunId } from "@/lib/log";

let capture: ReturnType<typeof captureLogs> | undefined;
afterEach(() => capture?.stop());

function logged(write: () => void): Record<string, unknown> {
  capture = captureLogs();
  write();
  capture.stop();
  expect(capture.lines).toHaveLength(1);
  return JSON.parse(capture.lines[0]) as Record<string, unknown>;
}

describe("the logger's redaction", () => {
  it("reduces a card number to its last four, removes cvv, authorization and cookie, and masks email and phone", () => {
    const line = logged(() =>
      log.info("card_seen", {
        card: "4111 1111 1111 1111",
        cvv: "123",
        pin: "4321",
        headers: { authorization: "Bearer sk_live_abcdef", cookie: "next-auth.session-token=xyz", "set-cookie": "a=b", accept: "application/json" },
        email: "asha.verma@example.com",
        phone: "+91 98765 43210",
        customer: { email: "ravi@example.org", contact: "9876543210", cardNumber: "5555555555554444" },
        orderId: "ord-1",
        amount: 100_000,
      }),
    );
    expect(line).toMatchObject({
      event: "card_seen",
      card: "**** 1111",
      headers: { accept: "application/json" },
      email: "a***@example.com",
      phone: "***10",
      customer: { email: "r***@example.org", contact: "***10", cardNumber: "**** 4444" },
      orderId: "ord-1",
      amount: 100_000,
    });
    expect(line).not.toHaveProperty("cvv");
    expect(line).not.toHaveProperty("pin");
    expect(line.headers).not.toHaveProperty("authorization");
    expect(line.headers).not.toHaveProperty("cookie");
    expect(line.headers).not.toHaveProperty("set-cookie");
  });

  it("removes secrets, tokens and signatures by name", () => {
    const line = logged(() => log.warn("keys", { secret: "s3cr3t", token: "tok", webhookSecret: "whs", signature: "ab".repeat(32), config: { keySecret: "ks", apiKey: "ak" }, kept: "yes" }));
    expect(line).toEqual({ level: 40, time: expect.any(String), event: "keys", config: {}, kept: "yes" });
  });

  it("scrubs an email or a card number that slipped into free text, and leaves other numbers alone", () => {
    const line = logged(() => log.error("failed", { error: "charge for shopper@example.com on 4111-1111-1111-1111 failed; order 1234567890123 (not a card)" }));
    expect(line.error).toBe("charge for s***@example.com on **** 1111 failed; order 1234567890123 (not a card)");
  });

  it("keeps a UUID whole even when its digits run like a card number", () => {
    const id = "00000000-0000-4000-8000-000000000000"; // its last 13 digits alone pass the checksum
    expect(logged(() => log.info("signed_in", { userId: id, note: `user ${id}` }))).toMatchObject({ userId: id, note: `user ${id}` });
  });

  it("does not let a field named event replace the line's event", () => {
    expect(logged(() => log.info("webhook_received", { event: "payment.captured" })).event).toBe("webhook_received");
  });
});

describe("the logger's context", () => {
  it("puts the request id on every line logged inside the request, including work left running after it", async () => {
    capture = captureLogs();
    let later: Promise<void> = Promise.resolve();
    withLogContext({ requestId: "req-abcdefgh" }, () => {
      log.info("inside");
      later = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => log.info("after_response"));
    });
    log.info("outside");
    await later;
    capture.stop();
    const lines = capture.lines.map((line) => JSON.parse(line) as { event: string; requestId?: string });
    expect(lines.map(({ event, requestId }) => [event, requestId])).toEqual([
      ["inside", "req-abcdefgh"],
      ["outside", undefined],
      ["after_response", "req-abcdefgh"],
    ]);
  });

  it("gives each background run an id of its own", () => {
    capture = captureLogs();
    withRunId("webhooks", () => log.info("run"));
    withRunId("webhooks", () => log.info("run"));
    capture.stop();
    const [first, second] = capture.lines.map((line) => (JSON.parse(line) as { runId: string }).runId);
    expect(first).toMatch(/^webhooks-/);
    expect(second).toMatch(/^webhooks-/);
    expect(first).not.toBe(second);
  });

  it("formats a line readably for development", () => {
    expect(prettyLine('{"level":30,"time":"2026-11-26T06:00:01.000Z","event":"order_placed","orderId":"o1","amount":500}\n')).toBe("06:00:01 INFO  order_placed orderId=o1 amount=500\n");
  });
});
