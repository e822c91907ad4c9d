// Page renders take turns (lib/server/page-admission.ts), on real HTTP servers and sockets.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { installPageAdmission, pageAdmission, rendersPage, RETRY_AFTER_SECONDS, type PageAdmission } from "@/lib/server/page-admission";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A "render" that takes `ms` and counts how many run at once. */
function slowRenders(ms: number) {
  const seen = { started: [] as string[], running: 0, most: 0 };
  const render = (request: http.IncomingMessage, response: http.ServerResponse) => {
    seen.started.push(request.url ?? "");
    seen.running += 1;
    seen.most = Math.max(seen.most, seen.running);
    setTimeout(() => {
      seen.running -= 1;
      response.end(`rendered ${request.url}`);
    }, ms);
  };
  return { seen, render };
}

describe("page admission", () => {
  it("runs at most `concurrency` renders at once and serves every waiting request in turn", async () => {
    const { seen, render } = slowRenders(60);
    const admission = pageAdmission({ concurrency: 3, maxWaiting: 100 });
    const url = await listen(http.createServer((request, response) => admission.admit(request, response, () => render(request, response))));
    const pages = await Promise.all(Array.from({ length: 12 }, (_, i) => fetch(`${url}/page-${i}`).then((response) => response.text())));
    expect(pages).toEqual(Array.from({ length: 12 }, (_, i) => `rendered /page-${i}`));
    expect(seen.most).toBe(3);
    // In arrival order: the first three first.
    expect(seen.started.slice(0, 3).sort()).toEqual(["/page-0", "/page-1", "/page-2"]);
    expect(admission.running + admission.waiting).toBe(0);
  });

  it("never renders a page whose client went away while it waited", async () => {
    const { seen, render } = slowRenders(300);
    const admission = pageAdmission({ concurrency: 1, maxWaiting: 100 });
    const url = await listen(http.createServer((request, response) => admission.admit(request, response, () => render(request, response))));
    const first = fetch(`${url}/first`).then((response) => response.text());
    await sleep(50);
    const impatient = new AbortController();
    const abandoned = fetch(`${url}/abandoned`, { signal: impatient.signal }).catch(() => "aborted");
    await sleep(50);
    expect(admission.waiting).toBe(1);
    impatient.abort();
    expect(await abandoned).toBe("aborted");
    expect(await first).toBe("rendered /first");
    expect(await fetch(`${url}/after`).then((response) => response.text())).toBe("rendered /after");
    expect(seen.started).toEqual(["/first", "/after"]);
  }, 10_000);

  it("refuses a page with 503 and Retry-After once `maxWaiting` wait, without queueing it", async () => {
    const { seen, render } = slowRenders(300);
    const admission = pageAdmission({ concurrency: 1, maxWaiting: 2 });
    const url = await listen(http.createServer((request, response) => admission.admit(request, response, () => render(request, response))));
    const admitted = [fetch(`${url}/a`), fetch(`${url}/b`), fetch(`${url}/c`)];
    await sleep(100);
    expect([admission.running, admission.waiting]).toEqual([1, 2]);
    const refused = await fetch(`${url}/d`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect((await Promise.all(admitted)).map((response) => response.status)).toEqual([200, 200, 200]);
    expect(seen.started).toEqual(["/a", "/b", "/c"]);
  });

  it("tells pages from API routes, Next's files and public files", () => {
    expect(rendersPage("GET", "/")).toBe(true);
    expect(rendersPage("GET", "/products/assam-breakfast-tea?size=250g")).toBe(true);
    expect(rendersPage("HEAD", "/collections/tea")).toBe(true);
    expect(rendersPage("GET", "/products/assam-breakfast-tea/opengraph-image")).toBe(true);
    expect(rendersPage("GET", "/api/products")).toBe(false);
    expect(rendersPage("POST", "/api/webhooks/razorpay")).toBe(false);
    expect(rendersPage("POST", "/checkout")).toBe(false);
    expect(rendersPage("GET", "/_next/static/chunks/main.js")).toBe(false);
    expect(rendersPage("GET", "/__nextjs_original-stack-frames")).toBe(false);
    expect(rendersPage("GET", "/favicon.svg")).toBe(false);
    expect(rendersPage("GET", "/sitemap.xml")).toBe(false);
  });

  it("installed on Node's HTTP server, answers an API request at once while every render slot is taken and more wait", async () => {
    const { seen, render } = slowRenders(1_000);
    const admission: PageAdmission = installPageAdmission({ concurrency: 2, maxWaiting: 100 });
    // Any server this process creates afterwards, as `next start` creates its own.
    const url = await listen(
      http.createServer((request, response) => {
        if (request.url?.startsWith("/api/")) response.end("acknowledged");
        else render(request, response);
      }),
    );
    const pages = Array.from({ length: 6 }, (_, i) => fetch(`${url}/page-${i}`).then((response) => response.text()));
    await sleep(100);
    expect([admission.running, admission.waiting]).toEqual([2, 4]);
    const started = performance.now();
    expect(await fetch(`${url}/api/webhooks/razorpay`, { method: "POST", body: "{}" }).then((response) => response.text())).toBe("acknowledged");
    expect(performance.now() - started).toBeLessThan(500);
    expect(seen.most).toBe(2);
    expect(await Promise.all(pages)).toHaveLength(6);
  });
});
