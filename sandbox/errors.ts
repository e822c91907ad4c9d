// Razorpay's error envelope, built in one place so every route answers in the same shape.

export type ErrorCode = "BAD_REQUEST_ERROR" | "GATEWAY_ERROR" | "SERVER_ERROR";

export interface RazorpayError {
  code: ErrorCode;
  description: string;
  field: string | null;
  source: string | null;
  step: string | null;
  reason: string | null;
  metadata: Record<string, string>;
}

export interface ErrorDetails {
  field?: string;
  source?: string;
  step?: string;
  reason?: string;
  metadata?: Record<string, string>;
}

/** Thrown by domain code; the HTTP layer turns it into `status` + `body` unchanged. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: RazorpayError } | { error: { code: ErrorCode; description: string } },
  ) {
    super(body.error.description);
  }
}

export function razorpayError(code: ErrorCode, description: string, details: ErrorDetails = {}): RazorpayError {
  return {
    code,
    description,
    field: details.field ?? null,
    source: details.source ?? null,
    step: details.step ?? null,
    reason: details.reason ?? null,
    metadata: details.metadata ?? {},
  };
}

/** Request validation failures: Razorpay attributes them to the business at payment initiation. */
export function badRequest(description: string, details: ErrorDetails = {}): ApiError {
  return new ApiError(
    400,
    {
      error: razorpayError("BAD_REQUEST_ERROR", description, {
        source: "business",
        step: "payment_initiation",
        reason: "input_validation_failed",
        ...details,
      }),
    },
  );
}

export function unknownId(): ApiError {
  return badRequest("The id provided does not exist");
}

// Integrators report this short body (no field/source/...) for bad keys; mirrored verbatim.
export function authenticationFailed(): ApiError {
  return new ApiError(401, { error: { code: "BAD_REQUEST_ERROR", description: "Authentication failed" } });
}

export function notFound(description = "The requested URL was not found on the server."): ApiError {
  return new ApiError(404, { error: razorpayError("BAD_REQUEST_ERROR", description) });
}

export function serverError(status: number): ApiError {
  return new ApiError(status, {
    error: razorpayError(
      "SERVER_ERROR",
      "We are facing some trouble completing your request at the moment. Please try again shortly.",
      { source: "internal", step: "NA", reason: "server_error" },
    ),
  });
}
