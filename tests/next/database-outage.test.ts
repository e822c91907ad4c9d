// A database outage through the real server: the shop on a throwaway PostgreSQL cluster of its
// own (never the shared server), stopped mid-test and started again.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, postJson, type TestShop } from "../support/shop";
import { ensureProductionBuild, freePort, startNextShop, type NextShop } from "./next-shop";

/** The newest PostgreSQL server binaries Debian installed (initdb, pg_ctl); CI's machine has them with its PostgreSQL server. */
function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((version) => existsSync(path.join(root, version, "bin/initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`The outage test needs PostgreSQL's server binaries (initdb, pg_ctl) under ${root}/<version>/bin: apt-get install postgresql`);
  return path.join(root, newest, "bin");
}
const BIN = postgresBin();
const directory = mkdtempSync(path.join(tmpdir(), "storefront-outage-"));
const dataDir = path.join(directory, "data");
let port: number;
let shop: NextShop;
let asTestShop: TestShop;

/** initdb and pg_ctl refuse to run as root: run them as the postgres user when we are root. */
function asPostgres(command: string, args: string[]): string {
  const [file, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

const pgCtl = (action: "start" | "stop") =>
  asPostgres(`${BIN}/pg_ctl`, action === "start" ? ["-D", dataDir, "-o", `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1`, "-l", path.join(directory, "log"), "-w", "start"] : ["-D", dataDir, "-m", "fast", "-w", "stop"]);

beforeAll(async () => {
  await ensureProductionBuild();
  port = await freePort();
  chmodSync(directory, 0o755);
  if (process.getuid?.() === 0) chownSync(directory, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })));
  asPostgres(`${BIN}/initdb`, ["-D", dataDir, "-A", "trust", "-U", "postgres"]);
  pgCtl("start");
  shop = await startNextShop(`postgresql://postgres@127.0.0.1:${port}/postgres`);
  asTestShop = shop as unknown as TestShop; // the support helpers read only the URLs and keys
}, 600_000);

afterAll(async () => {
  await shop?.stop();
  try {
    pgCtl("stop");
  } catch {
    // already stopped by a failed test
  }
  rmSync(directory, { recursive: true, force: true });
});

describe("a database outage", () => {
  it("answers 503 with the JSON error and Retry-After while PostgreSQL is down, and recovers when it is back", async () => {
    const products = await call(asTestShop, "/api/products");
    expect(products.status).toBe(200);
    // A seeded product sold in one variant, so its id alone names what to buy.
    const productId = (products.body.products as { id: string; slug: string }[]).find((product) => product.slug === "garam-masala")!.id;
    const added = await postJson(asTestShop, "/api/cart/items", { productId, quantity: 1 });
    const cookie = (added.headers.get("set-cookie") ?? "").split(";")[0];
    const checkoutBody = {
      customer: { name: "Asha Verma", email: "asha@example.com", phone: "+91 98765 43210" },
      shippingAddress: { line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560038", country: "IN" },
    };

    pgCtl("stop");
    for (const reply of [
      await call(asTestShop, "/api/products"),
      await postJson(asTestShop, "/api/cart/items", { productId, quantity: 1 }),
      await call(asTestShop, "/api/orders/00000000-0000-4000-8000-000000000000/status?token=x"),
      await postJson(asTestShop, "/api/checkout", checkoutBody, { cookie, "idempotency-key": crypto.randomUUID() }),
      await postJson(asTestShop, "/api/payments/verify", { razorpay_order_id: "order_Outage0000001", razorpay_payment_id: "pay_Outage00000001", razorpay_signature: "0".repeat(64) }),
    ]) {
      expect(reply.status).toBe(503);
      expect(reply.headers.get("retry-after")).toBe("5");
      expect(reply.body).toEqual({ error: { code: "database_unavailable", message: expect.stringContaining("database") } });
    }
    // Issue 9: the load balancer's probe says so too, with the checks that failed.
    const probe = await call(asTestShop, "/api/health");
    expect(probe.status).toBe(503);
    expect(probe.headers.get("retry-after")).toBe("5");
    expect(probe.body).toMatchObject({ status: "down", checks: { database: { status: "down" } }, error: { code: "database_unavailable" } });

    pgCtl("start");
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await call(asTestShop, "/api/products")).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect((await postJson(asTestShop, "/api/cart/items", { productId, quantity: 1 })).status).toBe(201);
    expect((await call(asTestShop, "/api/health")).body.checks.database.status).toBe("ok");
    expect(shop.output()).not.toContain("unhandled error in route handler");
  });
});
