import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrder } from "@/tests/support/admin-seed";
import { adminCookie, mintedSessionCookie } from "@/tests/support/auth";
import { call, createProduct, startShop, type Reply, type TestShop } from "@/tests/support/shop";
import { anyString, bodyArbitrary, contentType, discoverRouteFiles, encodeSegment, headerValue, nastyNumber, pathSegment, queryArbitrary, type Body } from "./support";

/**
 * Every route handler in app/api, fed hostile input by fast-check: malformed JSON, wrong types,
 * huge and unicode strings (lone surrogates, NUL, RTL), negative, fractional and enormous numbers,
 * unknown fields, missing or odd headers (Idempotency-Key, signatures, cookies) and wrong content
 * types. The claim: never a 5xx; every refusal is a JSON 4xx `{ error: { code, message } }`; and a
 * refused request changes nothing (row counts and stock compared before and after).
 *
 * Routes are found on disk, so a new route is fuzzed with the generic generators without anyone
 * remembering to add it; ROUTE_INPUT below only makes the input smarter for the routes it names.
 * Reproduce a failure with the seed fast-check prints: PROPERTY_SEED=<seed> (and its path).
 */

const SEED = Number(process.env.PROPERTY_SEED ?? 20261126);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

interface Pools {
  productIds: string[];
  orderIds: string[];
  cartCookies: string[];
}

interface RouteInput {
  fields?: (pools: Pools) => Record<string, fc.Arbitrary<unknown>>;
  query?: string[];
  /** Plausible values for the path parameters, mixed with hostile ones. */
  params?: (pools: Pools) => string[];
  /** next-auth's catch-all: only its documented endpoints, per method. */
  subpaths?: Record<string, string[]>;
}

const quantity = fc.oneof(fc.integer({ min: 1, max: 5 }), nastyNumber);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

const ROUTE_INPUT: Record<string, RouteInput> = {
  "/api/cart/items": { fields: (pools) => ({ productId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.productIds) }, fc.uuid().map(String), anyString), quantity }) },
  "/api/cart/items/[productId]": { fields: () => ({ quantity }), params: (pools) => pools.productIds },
  "/api/checkout": {
    fields: (pools) => ({
      customer: fc.record({ name: fc.oneof(fc.constant("Asha Rao"), anyString), email: fc.oneof(fc.constant("asha@example.com"), anyString), phone: fc.oneof(fc.constant("+91 98765 43210"), anyString) }, { requiredKeys: [] }),
      shippingAddress: fc.record(
        { line1: fc.oneof(fc.constant("12 MG Road"), anyString), city: fc.oneof(fc.constant("Bengaluru"), anyString), state: fc.oneof(fc.constant("Karnataka"), anyString), postalCode: fc.oneof(fc.constant("560001"), anyString, nastyNumber), country: fc.oneof(fc.constantFrom("IN", "US", "in", "XX"), anyString) },
        { requiredKeys: [] },
      ),
      items: fc.array(fc.record({ productId: fc.oneof(fc.constantFrom(...pools.productIds), anyString), quantity }, { requiredKeys: [] }), { maxLength: 3 }),
    }),
  },
  "/api/payments/verify": {
    fields: () => ({ razorpay_order_id: fc.oneof(fc.stringMatching(/^order_[A-Za-z0-9]{14}$/), anyString), razorpay_payment_id: fc.oneof(fc.stringMatching(/^pay_[A-Za-z0-9]{14}$/), anyString), razorpay_signature: fc.oneof(hex64, anyString) }),
  },
  "/api/webhooks/razorpay": {
    fields: () => ({
      entity: fc.constant("event"),
      event: fc.oneof(fc.constantFrom("payment.captured", "payment.failed", "order.paid", "refund.processed"), anyString),
      payload: fc.record({ payment: fc.record({ entity: fc.record({ id: fc.oneof(fc.stringMatching(/^pay_[A-Za-z0-9]{14}$/), anyString), amount: nastyNumber, order_id: anyString, status: anyString }, { requiredKeys: [] }) }) }, { requiredKeys: [] }),
      created_at: nastyNumber,
    }),
  },
  "/api/orders/[id]/status": { params: (pools) => pools.orderIds, query: ["token"] },
  "/api/orders/[id]/invoice": { params: (pools) => pools.orderIds, query: ["token"] },
  "/api/orders/[id]/credit-notes/[creditNoteId]": { params: (pools) => pools.orderIds, query: ["token"] },
  "/api/admin/orders/[id]/invoice": { params: (pools) => pools.orderIds },
  "/api/admin/orders/[id]/credit-notes/[creditNoteId]": { params: (pools) => pools.orderIds },
  "/api/products": { query: ["q", "collection", "sort", "inStock", "minPrice", "maxPrice", "page", "pageSize"] },
  "/api/admin/orders": { query: ["status", "paymentStatus", "method", "flagged", "q", "from", "to", "sort", "page", "pageSize"] },
  "/api/admin/orders/[id]": { params: (pools) => pools.orderIds },
  "/api/admin/orders/[id]/refunds": { fields: () => ({ amount: nastyNumber, reason: fc.oneof(fc.constant("damaged in transit"), anyString), restock: fc.oneof(fc.boolean(), anyString) }), params: (pools) => pools.orderIds },
  "/api/admin/orders/[id]/resolve": { fields: () => ({ note: fc.oneof(fc.constant("checked with the bank"), anyString) }), params: (pools) => pools.orderIds },
  "/api/admin/metrics": { query: ["from", "to"] },
  "/api/admin/emails/[id]/resend": { params: () => [] },
  "/api/admin/webhooks/[eventId]/replay": { params: () => ["evt_AAAAAAAAAAAAAA"] },
  "/api/auth/[...nextauth]": {
    // next-auth's documented REST endpoints (https://next-auth.js.org/getting-started/rest-api).
    subpaths: { GET: ["csrf", "session", "providers", "signin", "signout", "error"], POST: ["signin/email", "callback/credentials", "signout", "callback/email"] },
    fields: () => ({ email: fc.oneof(fc.constant("someone@example.com"), anyString), password: anyString, csrfToken: anyString, callbackUrl: fc.oneof(fc.constant("http://evil.example/"), anyString), json: fc.constantFrom("true", true) }),
  },
};

const allRoutes = await discoverRouteFiles();

let shop: TestShop;
let pools: Pools;
let admin: { email: string; password: string; cookie: string };
const fuzzed = new Set<string>();
/** Statuses seen per route, printed with PROPERTY_STATS=1: shows how much input got past validation (2xx) and where the rest stopped. */
const statuses = new Map<string, Map<number, number>>();

type Snapshot = Record<string, number>;

async function snapshot(): Promise<Snapshot> {
  const { db } = await import("@/lib/db");
  const [row] = await db().$queryRaw<Snapshot[]>`
    SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM payments)::int AS payments,
      (SELECT count(*) FROM refunds)::int AS refunds, (SELECT count(*) FROM carts)::int AS carts,
      (SELECT count(*) FROM cart_items)::int AS cart_items, (SELECT count(*) FROM webhook_events)::int AS webhook_events,
      (SELECT count(*) FROM idempotency_keys)::int AS idempotency_keys, (SELECT count(*) FROM email_outbox)::int AS email_outbox,
      (SELECT count(*) FROM users)::int AS users, (SELECT coalesce(sum(stock), 0) FROM products)::int AS stock`;
  return row;
}

beforeAll(async () => {
  shop = await startShop();
  const { ensureAdmin } = await import("@/lib/auth/users");
  const productIds = [(await createProduct({ price: 30_000, stock: 50, name: "Masala chai tin" })).id, (await createProduct({ price: 12_000, stock: 1, name: "Last kulhad" })).id];
  const pending = await seedOrder({ status: "pending", subtotal: 50_000, createdAt: new Date() });
  const flagged = await seedOrder({ status: "paid", subtotal: 20_000, createdAt: new Date(), flagReason: "amount_mismatch", payments: [{ id: "pay_PropertyPaid001", status: "captured", method: "upi", credited: true }] });
  const added = await call(shop, "/api/cart/items", { method: "POST", headers: { "content-type": "application/json", origin: shop.url }, body: JSON.stringify({ productId: productIds[0], quantity: 1 }) });
  const cartCookie = added.headers.getSetCookie().map((line) => line.split(";")[0]).find((pair) => pair.startsWith("cart="));
  pools = { productIds, orderIds: [pending.id, flagged.id], cartCookies: cartCookie ? [cartCookie] : [] };
  admin = { email: "property-admin@example.com", password: "property admin password", cookie: "" };
  await ensureAdmin(admin.email, admin.password);
  admin.cookie = await adminCookie(shop.url, admin.email, admin.password);
}, 120_000);

afterAll(async () => {
  if (process.env.PROPERTY_STATS) {
    for (const [name, seen] of statuses) console.info(`${name}: ${[...seen].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ")}`);
  }
  await shop?.close();
});

interface Request {
  method: string;
  path: string;
  body: Body;
  headers: Record<string, string>;
}

function requestArbitrary(route: { template: string; params: string[] }, method: string, input: RouteInput, role: "anonymous" | "admin"): fc.Arbitrary<Request> {
  const plausible = input.params?.(pools) ?? [];
  const segments = route.params.map((param) => (param.startsWith("...") ? fc.constantFrom(...(input.subpaths?.[method] ?? ["session"])) : pathSegment(plausible).filter((segment) => segment !== "." && segment !== "..").map(encodeSegment)));
  const pathArbitrary = fc.tuple(...segments).map((values) => {
    let index = 0;
    return route.template.replace(/\[[^\]]+\]/g, () => values[index++]);
  });
  const cookie = fc.oneof(
    ...(pools.cartCookies.length ? [fc.constantFrom(...pools.cartCookies)] : []),
    // Values that are not valid percent-encoding, which a naive decodeURIComponent throws on.
    fc.constantFrom("next-auth.session-token=%E0%A4%A", "cart=%", "next-auth.csrf-token=%zz; cart=%C0%AF", "next-auth.callback-url=%%"),
    anyString.map((value) => `cart=${encodeSegment(value.slice(0, 500))}`),
    headerValue.map((value) => `next-auth.session-token=${value}`),
    headerValue,
  );
  const headers = fc.record(
    {
      "idempotency-key": headerValue,
      "x-razorpay-signature": fc.oneof(hex64, headerValue),
      "x-razorpay-event-id": fc.oneof(fc.stringMatching(/^evt_[A-Za-z0-9]{14}$/), headerValue),
      authorization: fc.oneof(headerValue.map((value) => `Bearer ${value}`), headerValue),
      cookie,
      "content-type": contentType.map((value) => value ?? ""),
      origin: fc.constantFrom(shop.url, "https://evil.example", "null"),
    },
    { requiredKeys: [] },
  );
  const body = method === "GET" ? fc.constant(undefined) : bodyArbitrary(input.fields?.(pools) ?? {});
  const query = queryArbitrary(input.query ?? ["id"]);
  return fc.tuple(pathArbitrary, query, body, headers).map(([path, search, requestBody, requestHeaders]) => {
    const finalHeaders: Record<string, string> = Object.fromEntries(Object.entries(requestHeaders).filter(([, value]) => value !== undefined && value !== ""));
    if (role === "admin") finalHeaders.cookie = admin.cookie;
    return { method, path: path + search, body: requestBody, headers: finalHeaders };
  });
}

const short = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
const describeRequest = (request: Request) =>
  `${request.method} ${short(request.path)} headers=${JSON.stringify(Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, short(value, 80)])))} body=${typeof request.body === "string" ? JSON.stringify(short(request.body, 200)) : request.body ? `<${request.body.length} bytes>` : "none"}`;

async function send(request: Request): Promise<Reply> {
  return call(shop, request.path, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
}

/** The contract every answer keeps. `strictJson`: next-auth's own endpoints answer with redirects and HTML pages by design. */
function expectContract(request: Request, reply: Reply, strictJson = true): void {
  const where = `→ ${reply.status} ${short(reply.text, 300)}`;
  expect(reply.status, where).toBeLessThan(500);
  if (!strictJson || reply.status < 400) return;
  expect(reply.headers.get("content-type") ?? "", where).toMatch(/^application\/json/);
  const error = (reply.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  expect(typeof error?.code === "string" && error.code.length > 0, `error.code missing: ${where}`).toBe(true);
  expect(typeof error?.message === "string" && error.message.length > 0, `error.message missing: ${where}`).toBe(true);
}

let before: Snapshot;

async function fuzzRoute(route: { template: string; params: string[] }, method: string, role: "anonymous" | "admin", runs: number, seedOffset: number, extra?: (request: Request, reply: Reply) => void): Promise<void> {
  const input = ROUTE_INPUT[route.template] ?? {};
  const isNextAuth = Boolean(input.subpaths);
  before = await snapshot();
  const details = await fc.check(
    fc.asyncProperty(requestArbitrary(route, method, input, role), async (request) => {
      // The revoke route ends the admin's sessions: each signed-in call gets a fresh session at the current version.
      if (role === "admin" && route.template === "/api/admin/session/revoke") request.headers.cookie = await freshAdminSession();
      const reply = await send(request);
      const seen = statuses.get(`${role} ${method} ${route.template}`) ?? new Map<number, number>();
      seen.set(reply.status, (seen.get(reply.status) ?? 0) + 1);
      statuses.set(`${role} ${method} ${route.template}`, seen);
      expectContract(request, reply, !isNextAuth);
      extra?.(request, reply);
      const after = await snapshot();
      if (reply.status >= 400 || isNextAuth) expect(after, `a refused request (${reply.status}) changed the database`).toEqual(before);
      before = after;
    }),
    { numRuns: runs, seed: SEED + seedOffset, endOnFailure: true },
  );
  // fast-check's own report prints the whole counterexample (bodies of 80 kB): this one stays readable and reproducible.
  if (details.failed) {
    const [request] = details.counterexample ?? [];
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message.split("\n")[0] : String(details.errorInstance);
    throw new Error(`${role} ${method} ${route.template} failed after ${details.numRuns} run(s); reproduce with seed ${details.seed}, path "${details.counterexamplePath}"\n${request ? describeRequest(request as Request) : ""}\n${cause.slice(0, 1500)}`);
  }
  fuzzed.add(`${role} ${method} ${route.template}`);
}

async function freshAdminSession(): Promise<string> {
  const { db } = await import("@/lib/db");
  const user = await db().user.findUniqueOrThrow({ where: { email: admin.email } });
  return mintedSessionCookie(process.env.NEXTAUTH_SECRET!, { sub: user.id, sv: user.sessionVersion, via: "credentials" });
}

const isAdmin = (template: string) => template.startsWith("/api/admin/");
const publicRoutes = allRoutes.filter((route) => !isAdmin(route.template)).flatMap((route) => route.methods.map((method) => ({ route, method })));
const adminRoutes = allRoutes.filter((route) => isAdmin(route.template)).flatMap((route) => route.methods.map((method) => ({ route, method })))
  // The revoke route runs last: it bumps the admin's session version.
  .sort((a, b) => Number(a.route.template.endsWith("/revoke")) - Number(b.route.template.endsWith("/revoke")));

describe("every route handler under hostile input", () => {
  it("finds the route handlers on disk", () => {
    expect(publicRoutes.map(({ route, method }) => `${method} ${route.template}`)).toContain("POST /api/checkout");
    expect(adminRoutes.length).toBeGreaterThanOrEqual(8);
  });

  for (const [index, { route, method }] of publicRoutes.entries()) {
    it(`${method} ${route.template}: never a 5xx, refusals are JSON 4xx and change nothing`, async () => {
      await fuzzRoute(route, method, "anonymous", RUNS, index);
    });
  }

  for (const [index, { route, method }] of adminRoutes.entries()) {
    it(`${method} ${route.template}: anonymous callers get 401 JSON whatever they send`, async () => {
      await fuzzRoute(route, method, "anonymous", Math.ceil(RUNS / 2), 100 + index, (request, reply) => {
        // 401 always; the only other refusals allowed before authentication are the CSRF guard's (403 for a
        // foreign Origin, 415 for a content type a cross-site form could send: text/plain — fetch's default
        // for a string body — form-urlencoded or multipart) and a rate limit's 429, never anything that got further.
        const foreignOrigin = request.headers.origin !== undefined && request.headers.origin !== shop.url;
        const sentType = request.headers["content-type"] ?? (typeof request.body === "string" ? "text/plain" : "");
        const formLike = /^\s*(text\/plain|application\/x-www-form-urlencoded|multipart\/form-data)/i.test(sentType);
        const allowed = [401, ...(foreignOrigin ? [403] : []), ...(formLike ? [415] : []), ...(reply.headers.get("retry-after") ? [429] : [])];
        expect(allowed, `anonymous → ${reply.status} ${short(reply.text)}`).toContain(reply.status);
      });
    });
    it(`${method} ${route.template}: a signed-in admin's hostile input is never a 5xx, refusals are JSON 4xx and change nothing`, async () => {
      await fuzzRoute(route, method, "admin", RUNS, 200 + index);
    });
  }

  it("fuzzed every route file and method found on disk", () => {
    const expected = [...publicRoutes.map(({ route, method }) => `anonymous ${method} ${route.template}`), ...adminRoutes.flatMap(({ route, method }) => [`anonymous ${method} ${route.template}`, `admin ${method} ${route.template}`])];
    expect([...fuzzed].sort()).toEqual(expected.sort());
  });
});
