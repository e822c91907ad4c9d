// No server secret reaches the browser: a production build made with a known, unique value in
// every secret variable, then every file a browser can be sent (the client bundles in static/,
// and any page prerendered at build time) scanned for those values.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./next-shop";

/** Inside .next so it is ignored and cleaned with the normal build; next.config.ts reads NEXT_DIST_DIR. */
const DIST_DIR = ".next/secrets-scan";
const OUTPUT = path.join(ROOT, DIST_DIR);

/** A value no real configuration holds, so finding it anywhere means the variable leaked. */
const sentinel = (name: string) => `sentinel${name.replace(/[^A-Za-z]/g, "").toLowerCase()}7f3a9c`;

const SECRETS: Record<string, string> = {
  RAZORPAY_KEY_SECRET: sentinel("key secret"),
  RAZORPAY_WEBHOOK_SECRET: sentinel("webhook secret"),
  CRON_SECRET: sentinel("cron secret"),
  NEXTAUTH_SECRET: sentinel("nextauth secret padded to thirty two chars"),
  ADMIN_PASSWORD: sentinel("admin password"),
  ENCRYPTION_KEY: sentinel("encryption key padded to thirty two chars"),
  DATABASE_URL: `postgresql://${sentinel("db user")}:${sentinel("db password")}@${sentinel("db host")}.invalid:5432/${sentinel("db name")}`,
  REDIS_URL: `redis://default:${sentinel("redis password")}@${sentinel("redis host")}.invalid:6379`,
  UPSTASH_REDIS_REST_URL: `https://${sentinel("upstash host")}.invalid`,
  UPSTASH_REDIS_REST_TOKEN: sentinel("upstash token"),
  SMTP_URL: `smtp://${sentinel("smtp user")}:${sentinel("smtp password")}@${sentinel("smtp host")}.invalid:587`,
};

/** Each whole value, and each distinctive part of the URLs (a password alone is a leak too). */
const NEEDLES: [variable: string, needle: string][] = Object.entries(SECRETS).flatMap(([variable, value]) => [
  [variable, value] as [string, string],
  ...[...value.matchAll(/sentinel[a-z]+7f3a9c/g)].map(([part]) => [variable, part] as [string, string]),
]);

/** Files a browser can be sent: the static folder, and pages prerendered at build time (HTML and RSC payloads). */
function clientFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string, keep: (file: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      const full = path.join(dir, name);
      if (statSync(full).isFile() && keep(full)) files.push(full);
    }
  };
  walk(path.join(OUTPUT, "static"), () => true);
  walk(path.join(OUTPUT, "server/app"), (file) => /\.(html|rsc|body|meta)$/.test(file));
  return files;
}

function leaks(files: string[]): string[] {
  const found = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    for (const [variable, needle] of NEEDLES) if (text.includes(needle)) found.add(`${variable} in ${path.relative(OUTPUT, file)}`);
  }
  return [...found];
}

// next build writes its dist dir into tsconfig.json and next-env.d.ts: put them back as they were,
// times included, so the drill does not take the real build for stale (scripts/drill/app.ts).
const RESTORED = ["tsconfig.json", "next-env.d.ts"].map((file) => path.join(ROOT, file));
let saved: ({ content: string; mtime: Date } | null)[] = [];

beforeAll(() => {
  saved = RESTORED.map((file) => (existsSync(file) ? { content: readFileSync(file, "utf8"), mtime: statSync(file).mtime } : null));
  rmSync(OUTPUT, { recursive: true, force: true });
  const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
      SHOP_MODE: "live",
      RAZORPAY_KEY_ID: "rzp_live_fake",
      NEXTAUTH_URL: "https://shop.example",
      ADMIN_EMAIL: "admin@shop.example",
      ...SECRETS,
    },
  });
  RESTORED.forEach((file, index) => {
    const before = saved[index];
    if (before === null) return rmSync(file, { force: true });
    writeFileSync(file, before.content);
    utimesSync(file, before.mtime, before.mtime);
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}, 300_000);

afterAll(() => rmSync(OUTPUT, { recursive: true, force: true }));

describe("the production build's client output", () => {
  it("holds none of the server's secrets (key and webhook secrets, CRON_SECRET, NEXTAUTH_SECRET, DATABASE_URL, Redis and Upstash settings)", () => {
    const files = clientFiles();
    expect(files.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(10);
    expect(leaks(files)).toEqual([]);
  });

  it("the scan would find a secret that reached a client bundle", () => {
    const planted = path.join(OUTPUT, "static/chunks/planted-leak.js");
    writeFileSync(planted, `const config = { keySecret: "${SECRETS.RAZORPAY_KEY_SECRET}", redis: "${sentinel("redis password")}" };`);
    expect(clientFiles()).toContain(planted);
    expect(leaks([planted])).toEqual(["RAZORPAY_KEY_SECRET in static/chunks/planted-leak.js", "REDIS_URL in static/chunks/planted-leak.js"]);
  });
});
