import http from "node:http";
import pLimit from "p-limit";

/**
 * Page renders take turns; payments never wait for them.
 *
 * A render is CPU work on the one event loop that also acknowledges Razorpay's webhooks and
 * verifies payments. Fifty renders in flight interleave their work with every step of a webhook's
 * acknowledgement (its signature, its INSERT, its COMMIT), which then waits behind all fifty at
 * every step: seconds, where Razorpay allows 5. So at most `concurrency` page renders run at once
 * in a process; the rest wait, in arrival order, before any of their work starts. The CPU stays as
 * busy (renders do little but compute), pages are served at the same rate, and API routes, which
 * never wait here, find the event loop a few renders deep instead of fifty.
 *
 * A request whose client goes away while it waits is never rendered. When more than `maxWaiting`
 * renders wait, a new page request is refused at once with 503 and Retry-After, instead of
 * growing the queue without bound.
 */
export interface PageAdmission {
  /** Runs `render` now or when a slot frees, holding the slot until the response closes. */
  admit(request: http.IncomingMessage, response: http.ServerResponse, render: () => void): void;
  /** Renders running, and waiting. */
  readonly running: number;
  readonly waiting: number;
}

/** Renders that may wait at once: at about 20 ms of CPU each, a few seconds' work on a 2-core machine. */
export const MAX_WAITING_RENDERS = 256;

/** How long a refused page request is told to wait. */
export const RETRY_AFTER_SECONDS = 2;

export function pageAdmission({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): PageAdmission {
  const limit = pLimit(concurrency);
  return {
    admit(request, response, render) {
      if (limit.pendingCount >= maxWaiting) {
        response.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" });
        response.end("The shop is very busy right now. Please try again in a moment.");
        return;
      }
      void limit(
        () =>
          new Promise<void>((resolve) => {
            // Abandoned while waiting: nobody would read the page.
            if (request.destroyed || response.closed) return resolve();
            response.once("close", () => resolve());
            try {
              render();
            } catch (error) {
              resolve();
              throw error;
            }
          }),
      );
    },
    get running() {
      return limit.activeCount;
    },
    get waiting() {
      return limit.pendingCount;
    },
  };
}

/**
 * Whether a request renders a page (or a page's generated image): a GET or HEAD that is not an API
 * route, not one of Next's own files or dev-server tools (`/_next/...`, `/__nextjs...`), and not a file (a last segment with a dot:
 * `/favicon.svg`, `/sitemap.xml`, which are static or cached).
 */
export function rendersPage(method: string | undefined, url: string | undefined): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = (url ?? "/").split("?")[0];
  if (path.startsWith("/api/") || path.startsWith("/_next/") || path.startsWith("/__nextjs")) return false;
  return !path.slice(path.lastIndexOf("/") + 1).includes(".");
}

let installed: PageAdmission | undefined;

/**
 * Puts every page request this Node process serves through one admission queue (called from
 * instrumentation.ts, before the first request). Next's server is created inside `next start`, so
 * the queue sits where the request enters it: the server's "request" event.
 */
export function installPageAdmission(options: { concurrency: number; maxWaiting: number }): PageAdmission {
  if (installed) return installed;
  const admission = pageAdmission(options);
  installed = admission;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    if (!rendersPage(request.method, request.url)) return emit.call(this, event, ...args);
    admission.admit(request, response, () => emit.call(this, event, ...args));
    return true;
  } as typeof http.Server.prototype.emit;
  return admission;
}
