/**
 * Domain errors carry a stable code; lib/http.ts is the one place that turns codes into HTTP
 * statuses. `fields` maps a dotted input path ("customer.email") to a message for forms.
 */
export type ErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "cart_empty"
  | "out_of_stock"
  | "idempotency_key_missing"
  | "idempotency_key_reused"
  | "idempotency_key_in_use"
  | "invalid_signature"
  | "payment_mismatch"
  | "payment_not_successful"
  | "gateway_unavailable"
  | "gateway_rejected"
  | "refund_not_allowed"
  | "refund_too_large"
  | "payload_too_large"
  | "database_unavailable"
  | "rate_limited"
  | "rate_limiter_unavailable"
  | "too_many_unpaid_orders"
  | "cross_site_request"
  | "unsupported_media_type"
  | "invoice_not_issued";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra response headers, e.g. Retry-After and X-RateLimit-* on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** The first field at fault, for clients that show one message. */
  get field(): string | undefined {
    return this.fields ? Object.keys(this.fields)[0] : undefined;
  }
}
