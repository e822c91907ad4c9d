import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, type ErrorCode } from "./errors";

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
  idempotency_key_reused: 422,
  refund_not_allowed: 409,
  refund_too_large: 409,
  gateway_rejected: 502,
  gateway_unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; field?: string; fields?: Record<string, string> };
}

export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields) Object.assign(body.error, { field: error.field, fields: error.fields });
    return NextResponse.json(body, { status: STATUS[error.code] });
  }
  console.error("unhandled error in route handler", error);
  return NextResponse.json({ error: { code: "internal_error", message: "Something went wrong on our side. Nothing was charged twice; please try again." } }, { status: 500 });
}

/** Wraps a route handler so that every failure becomes a JSON error body with the right status. */
export function route<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
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

/** Reads a JSON body and validates it; malformed JSON is a 400, not a 500. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const text = await request.text();
  let parsed: unknown;
  try {
    parsed = text.length ? JSON.parse(text) : {};
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON");
  }
  return parseInput(schema, parsed);
}
