import type { ErrorBody } from "@/lib/http";

/**
 * How a client component learns that a call to our API failed. `status` is 0 when the request
 * never got an answer, which matters to checkout: that is the case where the same Idempotency-Key
 * must be reused.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** No answer, or the server failed: the request may or may not have taken effect. */
  get outcomeUnknown(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as Partial<ErrorBody> | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

/** Sends JSON to one of our API routes and returns the parsed answer, or throws an ApiError. */
export async function sendJson<T>(url: string, init: { method: "POST" | "PATCH" | "DELETE"; body?: unknown; headers?: Record<string, string> }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: { "content-type": "application/json", ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, "network_error", "We could not reach the shop. Check your connection and try again.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  if (isErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message, body.error.fields);
  throw new ApiError(response.status, "internal_error", "Something went wrong on our side. Please try again.");
}

