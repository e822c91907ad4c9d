import { NextResponse } from "next/server";
import { z } from "zod";
import { isDatabaseUnavailable } from "./db-errors";
import { AppError, type ErrorCode } from "./errors";
import { log, requestIdFrom, withLogContext } from "./log";
import { clientIdentity } from "./ratelimit/client";
import { rateLimiter, rateLimitHeaders, type LimitResult } from "./ratelimit/limiter";
import type { LimitName } from "./ratelimit/limits";
import { refuseCrossSite } from "./security/request-guards";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  idempotency_key_missing: 400,
  invalid_signature: 400,
  payment_mismatch: 400,
  payment_not_successful: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  cart_empty: 409,
  out_of_stock: 409,
  idempotency_key_in_use: 409,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  refund_not_allowed: 409,
  refund_too_large: 409,
  gateway_rejected: 502,
  gateway_unavailable: 503,
  database_unavailable: 503,
  rate_limited: 429,
  too_many_unpaid_orders: 429,
  rate_limiter_unavailable: 503,
  cross_site_request: 403,
  unsupported_media_type: 415,
  invoice_not_issued: 409,
};

/** Seconds a client should wait before retrying, for failures that pass on their own. */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  gateway_unavailable: 5,
  database_unavailable: 5,
};

/** A shopper's JSON is small (the checkout form is the largest); a few tens of kB is generous. */
export const JSON_BODY_LIMIT_BYTES = 32 * 1024;
/** Razorpay's webhook payloads are a few kB; 1 MB leaves room without letting anyone fill memory. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface ErrorBody {
  error: { code: string; message: string; field?: string; fields?: Record<string, string> };
}

function appErrorResponse(error: AppError): NextResponse<ErrorBody> {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.fields) Object.assign(body.error, { field: error.field, fields: error.fields });
  const retryAfter = RETRY_AFTER_SECONDS[error.code];
  const headers = { ...(retryAfter ? { "retry-after": String(retryAfter) } : {}), ...error.headers };
  return NextResponse.json(body, { status: STATUS[error.code], headers });
}

export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (error instanceof AppError) return appErrorResponse(error);
  if (isDatabaseUnavailable(error)) {
    // An outage is not a bug in the request: say so, and when to try again, instead of a 500.
    log.warn("database_unavailable", { error: error instanceof Error ? error.message.split("\n").at(-1) : String(error) });
    return appErrorResponse(new AppError("database_unavailable", "The shop cannot reach its database right now. Nothing was charged; please try again in a few seconds."));
  }
  log.error("unhandled_route_error", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return NextResponse.json({ error: { code: "internal_error", message: "Something went wrong on our side. Nothing was charged twice; please try again." } }, { status: 500 });
}

/** Sets headers on a response; a response with immutable headers (a fetched one) is copied first. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  let target = response;
  try {
    for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
  } catch {
    target = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
  }
  return target;
}

/** What a route declares about itself (issue 8): its rate limit (lib/ratelimit/limits.ts) and whether cross-site requests are refused. */
export interface RouteOptions {
  limit?: LimitName;
  /** true: JSON bodies only; "allow-forms": form posts too (next-auth's endpoints), still from our own origin only. */
  sameOrigin?: true | "allow-forms";
}

/**
 * Wraps a route handler so that every failure becomes a JSON error body with the right status.
 * Cross-site requests are refused first (no Redis call for them), then the rate limit is counted.
 * One request id per request goes on every line it logs and on the work it starts.
 */
export function route<Args extends [Request, ...unknown[]]>(handler: (...args: Args) => Promise<Response>, options: RouteOptions = {}) {
  return async (...args: Args): Promise<Response> => {
    const [request] = args;
    const requestId = requestIdFrom(request.headers);
    const response = await withLogContext({ requestId }, async () => {
      let counts: LimitResult | undefined;
      let answer: Response;
      try {
        if (options.sameOrigin) refuseCrossSite(request, { allowForms: options.sameOrigin === "allow-forms" });
        if (options.limit) counts = await rateLimiter().check(options.limit, await clientIdentity(request));
        answer = await handler(...args);
      } catch (error) {
        answer = errorResponse(error);
      }
      // Every answer a counted request gets says how many are left, refusals included.
      if (counts) answer = withHeaders(answer, rateLimitHeaders(counts));
      return answer;
    });
    return withHeaders(response, { "x-request-id": requestId });
  };
}

export function invalidInput(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "body";
    fields[path] ??= issue.message;
  }
  const [first] = Object.entries(fields);
  return new AppError("invalid_request", first ? `${first[0]}: ${first[1]}` : "The request is invalid", fields);
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

function tooLarge(limitBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${Math.round(limitBytes / 1024)} kB`);
}

/**
 * The body as text, refused with a 413 as soon as it exceeds `limitBytes`: at once when
 * Content-Length says so, otherwise while streaming (the rest is never read). The text is the
 * body's exact UTF-8 decoding, as `request.text()` gives, so signatures over it still match.
 */
export async function readText(request: Request, limitBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limitBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The path of the first string (value or key) holding a NUL character, which PostgreSQL cannot
 * store in text (it fails the whole statement with 22021): refused at the door instead. Walks
 * with its own stack, so a deeply nested body cannot overflow the call stack.
 */
function pathOfNul(root: unknown): string[] | undefined {
  type Node = { value: unknown; key?: string; parent?: Node };
  const pathOf = (node: Node | undefined, last?: string): string[] => {
    const reversed = last === undefined ? [] : [last];
    for (let at = node; at?.key !== undefined; at = at.parent) reversed.push(at.key);
    return reversed.reverse();
  };
  const pending: Node[] = [{ value: root }];
  while (pending.length > 0) {
    const node = pending.pop()!; // the loop runs only while pending is non-empty
    const { value } = node;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return pathOf(node);
    } else if (value !== null && typeof value === "object") {
      const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
      for (const [key] of entries) if (key.includes("\u0000")) return pathOf(node, key.replaceAll("\u0000", "\\u0000"));
      // Pushed in reverse so the first field at fault is the first one found.
      for (const [key, item] of entries.reverse()) pending.push({ value: item, key, parent: node });
    }
  }
  return undefined;
}

/** Reads a JSON body (at most `limitBytes`) and validates it; malformed JSON is a 400, not a 500. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T, limitBytes = JSON_BODY_LIMIT_BYTES): Promise<z.output<T>> {
  const text = await readText(request, limitBytes);
  let parsed: unknown;
  try {
    parsed = text.length ? JSON.parse(text) : {};
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON");
  }
  const nulAt = pathOfNul(parsed);
  if (nulAt) {
    const field = nulAt.join(".") || "body";
    throw new AppError("invalid_request", `${field}: must not contain a NUL character (\\u0000)`, { [field]: "Must not contain a NUL character (\\u0000)" });
  }
  return parseInput(schema, parsed);
}
