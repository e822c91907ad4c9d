import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino from "pino";

/**
 * The one logger: pino, one JSON object per line in production, `event` naming what happened.
 * Readable one-liners in development, formatted in-process (a pino-pretty transport runs in a
 * worker thread, which Next's bundling of server code can break). What must never be stored is
 * removed by pino's own `redact` configuration, with a last pass over every string for anything
 * that still looks like an email or a card number. Raw webhook bodies are never passed to it.
 */

/** What every line logged while handling one request (or one background run) carries. */
export interface LogContext {
  requestId?: string;
  runId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `work` (and everything it starts, awaited or not) with `ctx` on every line it logs. */
export function withLogContext<T>(ctx: LogContext, work: () => T): T {
  return context.run({ ...context.getStore(), ...ctx }, work);
}

/** The request id of the request this code runs for, if any (jobs it queues carry it on). */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** A request id a client or proxy may hand us: short, and only characters safe in a log line. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming `x-request-id` if it is well-formed, else a new one. */
export function requestIdFrom(headers: Headers | undefined): string {
  const incoming = headers?.get("x-request-id");
  return incoming && WELL_FORMED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Runs one background job with an id of its own, so its lines can be told from another run's, and the id of the request that queued it. */
export function withRunId<T>(job: string, work: () => T, requestId?: string): T {
  return context.run({ runId: `${job}-${randomUUID()}`, ...(requestId ? { requestId } : {}) }, work);
}

// ---- Redaction ----------------------------------------------------------------------------------

/** Field names whose values are removed outright, wherever the app logs them (up to two levels deep). */
const REMOVED_FIELDS = ["cvv", "cvc", "pin", "otp", "password", "secret", "token", "accessToken", "refreshToken", "apiKey", "keySecret", "webhookSecret", "signature", "authorization", "cookie", "set-cookie"];
/** Card numbers: only the last four digits stay. */
const CARD_FIELDS = ["card", "cardNumber", "card_number", "pan"];
/** Personal data: masked so a line can still be matched to a case without holding the value. */
const EMAIL_FIELDS = ["email", "adminEmail", "to"];
const PHONE_FIELDS = ["phone", "contact"];

function pathsFor(fields: string[]): string[] {
  const key = (field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`);
  const join = (prefix: string, field: string) => (key(field).startsWith("[") ? `${prefix}${key(field)}` : `${prefix}.${key(field)}`);
  return fields.flatMap((field) => [key(field), join("*", field), join("*.*", field)]);
}

export function lastFour(value: string): string {
  const digits = value.replace(/\D/g, "");
  return digits.length >= 4 ? `**** ${digits.slice(-4)}` : "****";
}

export function maskEmail(value: string): string {
  const at = value.lastIndexOf("@");
  if (at < 1) return "***";
  return `${value[0]}***@${value.slice(at + 1)}`;
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, "");
  return digits.length >= 2 ? `***${digits.slice(-2)}` : "***";
}

const removed = new Set(REMOVED_FIELDS);
const cards = new Set(CARD_FIELDS);
const emails = new Set(EMAIL_FIELDS);

/** pino's censor: one function for every redacted path, deciding by the field's name. */
function censor(value: unknown, path: string[]): unknown {
  const field = path.at(-1) ?? "";
  if (removed.has(field)) return undefined;
  if (typeof value !== "string" && typeof value !== "number") return value === undefined || value === null ? value : "[redacted]";
  const text = String(value);
  if (cards.has(field)) return lastFour(text);
  if (emails.has(field)) return maskEmail(text);
  return maskPhone(text);
}

export const REDACT = {
  paths: pathsFor([...REMOVED_FIELDS, ...CARD_FIELDS, ...EMAIL_FIELDS, ...PHONE_FIELDS]),
  censor,
};

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/**
 * A run of 13-19 digits, spaces or hyphens allowed between them, as cards are written; a UUID is
 * matched first and kept whole, so an id whose digits happen to pass the checksum stays intact.
 */
const UUID_OR_DIGIT_RUN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d(?:[ -]?\d){12,18}/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the checksum every card number satisfies (and ~1 in 10 other digit strings). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The safety net: a string that slipped past the named fields (an error message, a reason) is scrubbed too. */
export function scrubText(text: string): string {
  return text
    .replace(EMAIL_IN_TEXT, maskEmail)
    .replace(UUID_OR_DIGIT_RUN, (run) => {
      if (UUID.test(run)) return run;
      const digits = run.replace(/\D/g, "");
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? lastFour(digits) : run;
    });
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
}

// ---- Destination ----------------------------------------------------------------------------------

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };

/** Development's readable line: `12:00:00 INFO  order_created orderId=… amount=…`. */
export function prettyLine(line: string): string {
  try {
    const { level, time, event, ...fields } = JSON.parse(line) as Record<string, unknown>;
    const at = (typeof time === "string" ? time : new Date().toISOString()).slice(11, 19);
    const rest = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(" ");
    return `${at} ${LEVEL_NAMES[Number(level)] ?? level} ${String(event ?? "")} ${rest}\n`;
  } catch {
    return line;
  }
}

const listeners = new Set<(line: string) => void>();
const pretty = process.env.LOG_FORMAT ? process.env.LOG_FORMAT === "pretty" : process.env.NODE_ENV === "development";

/** Lines below this level reach only a capture (see captureLogs), not the output. */
let outputLevel = 0;

const destination = {
  write(line: string) {
    for (const listener of listeners) listener(line);
    if (Number(/"level":(\d+)/.exec(line)?.[1] ?? 0) < outputLevel) return;
    process.stdout.write(pretty ? prettyLine(line) : line);
  },
};

const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: undefined,
    // ISO time: readable, and no 13-digit epoch for a card-number scan to trip on.
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: REDACT,
    mixin: () => ({ ...context.getStore() }),
    formatters: { log: (object) => scrub(object) as Record<string, unknown> },
  },
  destination,
);

/**
 * Every line logged from now until the returned function is called, at every level, in the
 * form it would be written: for tests that scan what was logged.
 */
export function captureLogs(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const listener = (line: string) => void lines.push(line);
  const level = logger.level;
  outputLevel = logger.levelVal;
  logger.level = "debug";
  listeners.add(listener);
  return {
    lines,
    stop: () => {
      listeners.delete(listener);
      logger.level = level;
      outputLevel = 0;
    },
  };
}

type Fields = Record<string, unknown>;

/** A field named `event` cannot replace the line's event name. debug: detail for a developer; info: something happened as it should; warn: handled but worth a look; error: someone must act. */
export const log = {
  debug: (event: string, fields: Fields = {}) => logger.debug({ ...fields, event }),
  info: (event: string, fields: Fields = {}) => logger.info({ ...fields, event }),
  warn: (event: string, fields: Fields = {}) => logger.warn({ ...fields, event }),
  error: (event: string, fields: Fields = {}) => logger.error({ ...fields, event }),
};
