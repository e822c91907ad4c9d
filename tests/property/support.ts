import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";

/**
 * Generators of hostile input for the route property tests: what a fuzzer, a broken client or an
 * attacker sends. Every generator is deterministic under fast-check's seed, so a failure is
 * reproduced by its seed and path (printed by fast-check).
 */

export const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export interface RouteFile {
  /** e.g. /api/orders/[id]/status */
  template: string;
  methods: string[];
  params: string[];
}

/** Every app/api/**\/route.ts with the HTTP methods it exports, read from its source (no import needed). */
export async function discoverRouteFiles(): Promise<RouteFile[]> {
  const files = (await readdir(API_DIR, { recursive: true })).filter((file) => file.endsWith("route.ts")).sort();
  return Promise.all(
    files.map(async (file) => {
      const source = await readFile(path.join(API_DIR, file), "utf8");
      const methods = HTTP_METHODS.filter((method) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b|export\\s*\\{[^}]*\\bas\\s+${method}\\b|export\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`).test(source));
      const segments = path.dirname(file).split(path.sep).filter((segment) => segment !== ".");
      const params = segments.filter((segment) => /^\[.+\]$/.test(segment)).map((segment) => segment.slice(1, -1));
      return { template: `/api/${segments.join("/")}`, methods, params };
    }),
  );
}

// ---- Strings ----

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "\u202Eevil\u202C", // right-to-left override
  "\u200F\u05E9\u05DC\u05D5\u05DD", // RTL mark + Hebrew
  "\uFEFF",
  "👩‍👩‍👧‍👦",
  "नमस्ते",
  "'; DROP TABLE orders; --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
  "%",
  "\\",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "constructor",
  "__proto__",
];

/** A short run of any UTF-16 code units (lone surrogates included), or a known troublemaker. */
export const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 20 }));

/** Strings far over any field's limit (and, in bodies, over the 32 kB JSON limit). */
export const hugeString = fc.tuple(fc.constantFrom("x", "é", "🙂", "\u0000", "\uD800", "9"), fc.integer({ min: 1_000, max: 40_000 })).map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

export const anyString = fc.oneof({ weight: 5, arbitrary: nastyString }, { weight: 1, arbitrary: hugeString });

// ---- Numbers: JSON.stringify writes what it can; extreme literals are written as raw JSON text below. ----

export const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, -0.5, 1.0000001, 99.99, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 1e-7),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Number literals JSON.stringify cannot produce: too big for a double, too precise, exponent forms. */
export const RAW_NUMBER_LITERALS = ["1e309", "-1e309", "9007199254740993", "123456789012345678901234567890", "1.5e3", "-0.0", "1E2", "0.1e-400", "100000000000000000000000000000000000000.5"];

export const nastyScalar = fc.oneof(nastyNumber, anyString, fc.boolean(), fc.constant(null));

/** Any JSON value, nested a little, with nasty leaves. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, nastyScalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(nastyString, tie("value"), { maxKeys: 4 })),
})).value;

/** An object with the route's own field names set to wrong types, odd values or plausible ones, plus unknown fields. */
export function fieldsObject(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  // Plausible values twice as often as wild ones, so that refusals deep in the domain (stock, state) are reached too.
  const entries = Object.entries(fields).map(([name, plausible]) => [name, fc.option(fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: nastyJson }), { nil: undefined, freq: 4 })] as const);
  return fc
    .tuple(fc.record(Object.fromEntries(entries), { requiredKeys: [] }), fc.dictionary(fc.oneof(nastyString, fc.constantFrom("__proto__", "constructor", "id", "status", "amount")), nastyJson, { maxKeys: 3 }))
    .map(([known, unknown]) => ({ ...unknown, ...known }));
}

// ---- Bodies ----

export type Body = string | Uint8Array<ArrayBuffer> | undefined;

const MALFORMED_JSON = ["{", "}", "[", "{\"a\":", "{\"a\" 1}", "[1,2", "nul", "tru", "\"unterminated", "{}}", "{,}", "{'a':1}", "{\"a\":1,}", "\uFEFF{}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":undefined}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\uD800\"}", "// comment\n{}", "{\"__proto__\":{\"admin\":true}}"];

export function bodyArbitrary(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 6, arbitrary: fieldsObject(fields).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: nastyJson.map((value) => JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(fields), "amount", "quantity"), fc.constantFrom(...RAW_NUMBER_LITERALS)).map(([field, literal]) => `{"${field}":${literal}}`) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Uint8Array.from(bytes)) }, // not UTF-8 at all
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.integer({ min: 33 * 1024, max: 80 * 1024 }).map((size) => `{"pad":"${"x".repeat(size)}"}`) }, // over the JSON limit
  );
}

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "application/xml",
  "application/octet-stream",
  "application/jsonx",
  "*/*",
  "",
];

export const contentType = fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 5 });

/** A header value fetch can send: visible ASCII or Latin-1, at most a few kB (Node refuses more than 16 kB of headers). */
export const headerValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,60}$/),
  fc.stringMatching(/^[\xa0-\xff]{1,20}$/),
  fc.integer({ min: 256, max: 1_500 }).map((length) => "k".repeat(length)),
  fc.uuid().map(String),
);

/** A path segment percent-encoded from its UTF-8 bytes (lone surrogates become U+FFFD, as browsers send them). */
export function encodeSegment(segment: string): string {
  return Array.from(Buffer.from(segment, "utf8"), (byte) => (/[A-Za-z0-9_~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

export const pathSegment = (pool: string[]) =>
  fc.oneof({ weight: 2, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.uuid().map(String) }, { weight: 1, arbitrary: fc.uuid().map(String) }, { weight: 3, arbitrary: nastyString.filter((value) => value !== "") }, { weight: 1, arbitrary: fc.integer({ min: 200, max: 2_000 }).map((length) => "9".repeat(length)) });

export function queryArbitrary(names: string[]): fc.Arbitrary<string> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...names, "token"), nastyString), fc.oneof(nastyString, nastyNumber.map(String), hugeString.map((value) => value.slice(0, 2_000))), { maxKeys: 4 }).map((query) => {
    // Node answers 431 itself past 16 kB of request line and headers: stay under it so the handler is what answers.
    const search = new URLSearchParams(query).toString().slice(0, 3_000);
    return search ? `?${search}` : "";
  });
}
