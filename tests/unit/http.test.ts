import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { errorResponse, JSON_BODY_LIMIT_BYTES, readJson, readText } from "@/lib/http";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

/** A body of `chunks` chunks of `chunkBytes` bytes with no Content-Length, recording how much was pulled. */
function streamedRequest(chunks: number, chunkBytes: number) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const request = new Request("http://shop.test/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, state };
}

describe("request body limit", () => {
  it("refuses a body whose Content-Length is over the limit with a 413, without reading it", async () => {
    const { request, state } = streamedRequest(1_000, 1024);
    request.headers.set("content-length", String(1_000 * 1024));
    const error = await failure(readText(request, 32 * 1024));
    expect(error.code).toBe("payload_too_large");
    expect(state.pulled).toBeLessThanOrEqual(1); // a stream may be primed with one chunk, never read on
    const response = errorResponse(error);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: "The request body is larger than 32 kB" } });
  });

  it("counts bytes of a body without Content-Length and cancels the stream as soon as it passes the limit", async () => {
    const { request, state } = streamedRequest(10_000, 1024); // 10 MB if read to the end
    const error = await failure(readText(request, 32 * 1024));
    expect(error.code).toBe("payload_too_large");
    expect(state.pulled).toBeLessThan(40);
    expect(state.cancelled).toBe(true);
  });

  it("reads a body exactly at the limit, and keeps its exact text (multi-byte characters split across chunks)", async () => {
    const text = `{"name":"${"अ".repeat(100)}"}`;
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    expect(await readText(new Request("http://shop.test/", { method: "POST", body, duplex: "half" } as RequestInit), bytes.length)).toBe(text);
  });

  it("applies the shop's JSON limit in readJson", async () => {
    const big = JSON.stringify({ name: "x".repeat(JSON_BODY_LIMIT_BYTES) });
    const error = await failure(readJson(new Request("http://shop.test/", { method: "POST", body: big }), z.object({ name: z.string() })));
    expect(error.code).toBe("payload_too_large");
  });
});

describe("NUL characters", () => {
  const schema = z.object({ customer: z.object({ name: z.string() }), items: z.array(z.object({ note: z.string() })) });
  const post = (body: unknown) => new Request("http://shop.test/", { method: "POST", body: JSON.stringify(body) });

  it("are refused as a 400 naming the field, in any string at any depth", async () => {
    const error = await failure(readJson(post({ customer: { name: "Asha\u0000Verma" }, items: [] }), schema));
    expect(error.code).toBe("invalid_request");
    expect(error.field).toBe("customer.name");
    expect(error.message).toContain("customer.name");
    const inArray = await failure(readJson(post({ customer: { name: "Asha" }, items: [{ note: "ok" }, { note: "\u0000" }] }), schema));
    expect(inArray.field).toBe("items.1.note");
    expect(errorResponse(inArray).status).toBe(400);
  });

  it("are refused in keys too, even keys the schema would strip", async () => {
    const error = await failure(readJson(post({ customer: { name: "Asha" }, items: [], "x\u0000": 1 }), schema));
    expect(error.field).toBe("x\\u0000");
  });

  it("let clean input through", async () => {
    expect(await readJson(post({ customer: { name: "Asha Verma" }, items: [{ note: "₹ ok" }] }), schema)).toEqual({ customer: { name: "Asha Verma" }, items: [{ note: "₹ ok" }] });
  });
});

describe("database outages", () => {
  const shapes: [string, unknown][] = [
    ["Prisma P1001", Object.assign(new Error("Can't reach database server at `127.0.0.1:5999`"), { code: "P1001" })],
    ["Prisma P1017", Object.assign(new Error("Server has closed the connection."), { code: "P1017" })],
    ["Prisma pool timeout P2024", Object.assign(new Error("Timed out fetching a new connection from the connection pool."), { code: "P2024" })],
    ["driver adapter DatabaseNotReachable", Object.assign(new Error("adapter error"), { cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5999 } })],
    ["driver adapter ConnectionClosed in meta", Object.assign(new Error("x"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } })],
    ["ECONNREFUSED", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5999"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 })],
    ["pg: connection terminated", new Error("Connection terminated unexpectedly")],
    ["pg: admin shutdown 57P01", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["pg: starting up 57P03", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["pg: pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["aggregate of refusals", new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:5999"), { code: "ECONNREFUSED" })])],
  ];

  it.each(shapes)("answer 503 with Retry-After and the JSON error shape: %s", async (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect((await response.json()).error.code).toBe("database_unavailable");
  });

  it("do not swallow other failures, which stay 500s", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const unique = Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
    const nul = Object.assign(new Error("invalid byte sequence for encoding \"UTF8\": 0x00"), { code: "22021" });
    for (const error of [bug, unique, nul]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(errorResponse(error).status).toBe(500);
    }
  });
});

describe("deeply nested JSON", () => {
  it("is walked without overflowing the stack: a 32 kB body of nested arrays is an ordinary 400", async () => {
    const depth = 16_000;
    const body = `${"[".repeat(depth)}"\u0000"${"]".repeat(depth)}`.replace("\u0000", "\\u0000");
    const error = await failure(readJson(new Request("http://shop.test/", { method: "POST", body }), z.object({})));
    expect(error.code).toBe("invalid_request");
    expect(error.field?.split(".")).toHaveLength(depth);
    const clean = await failure(readJson(new Request("http://shop.test/", { method: "POST", body: `${"[".repeat(depth)}${"]".repeat(depth)}` }), z.object({})));
    expect(clean.code).toBe("invalid_request");
  });
});
