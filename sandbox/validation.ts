// Field checks shared by the order and refund endpoints, phrased as Razorpay phrases them so
// the shop's error handling meets the same strings it will meet in production.
import { badRequest } from "./errors";

export type RequestBody = Record<string, unknown>;

const MAX_NOTES = 15;
const MAX_NOTE_LENGTH = 256;
const MAX_RECEIPT_LENGTH = 40;
export const MINIMUM_AMOUNT = 100;

export function asBody(value: unknown): RequestBody {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest("The request body must be a JSON object");
  return value as RequestBody;
}

/** Razorpay rejects fields it does not know instead of ignoring them. */
export function rejectExtraFields(body: RequestBody, allowed: readonly string[]): void {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) {
    throw badRequest(`${extra.join(", ")} is/are not required and should not be sent`, {
      field: extra[0],
      reason: "extra_field_sent",
    });
  }
}

export function amountField(value: unknown, field = "amount"): number {
  if (value === undefined || value === null || value === "") throw badRequest(`The ${field} field is required.`, { field });
  if (typeof value !== "number" || !Number.isInteger(value)) throw badRequest("The amount must be an integer", { field });
  if (value < MINIMUM_AMOUNT) throw badRequest("The amount must be at least INR 1.00", { field });
  return value;
}

export function currencyField(value: unknown): string {
  if (value === undefined || value === null || value === "") throw badRequest("The currency field is required.", { field: "currency" });
  if (typeof value !== "string" || !/^[A-Z]{3}$/.test(value)) {
    throw badRequest("The currency must be 3 characters.", { field: "currency" });
  }
  return value;
}

export function receiptField(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw badRequest("The receipt must be a string.", { field: "receipt" });
  if (value.length > MAX_RECEIPT_LENGTH) {
    throw badRequest(`The receipt may not be greater than ${MAX_RECEIPT_LENGTH} characters.`, { field: "receipt" });
  }
  return value;
}

export function notesField(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  // An empty array is how Razorpay itself writes empty notes, so accept it back.
  if (Array.isArray(value) && value.length === 0) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest("The notes must be an object.", { field: "notes" });
  const entries = Object.entries(value);
  if (entries.length > MAX_NOTES) throw badRequest(`The notes may not have more than ${MAX_NOTES} items.`, { field: "notes" });
  const notes: Record<string, string> = {};
  for (const [key, note] of entries) {
    if (typeof note !== "string" && typeof note !== "number" && typeof note !== "boolean") {
      throw badRequest(`notes.${key} must be a string.`, { field: "notes" });
    }
    const text = String(note);
    if (text.length > MAX_NOTE_LENGTH) {
      throw badRequest(`notes.${key} may not be greater than ${MAX_NOTE_LENGTH} characters.`, { field: "notes" });
    }
    notes[key] = text;
  }
  return notes;
}

export function booleanField(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  // Razorpay also takes 0/1, which form-style clients send.
  if (value === 0 || value === 1) return value === 1;
  throw badRequest(`The ${field} field must be true or false.`, { field });
}

/** `count`/`skip` query parameters of list endpoints. */
export function paginationQuery(query: URLSearchParams): { count: number; skip: number } {
  const count = integerQuery(query, "count", 10);
  const skip = integerQuery(query, "skip", 0);
  if (count < 1 || count > 100) throw badRequest("The count must be between 1 and 100.", { field: "count" });
  if (skip < 0) throw badRequest("The skip must be at least 0.", { field: "skip" });
  return { count, skip };
}

export function integerQuery(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`The ${name} must be an integer.`, { field: name });
  return Number(raw);
}
