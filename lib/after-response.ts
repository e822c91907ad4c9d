import { after } from "next/server";

/**
 * Work a route started that may outlive its response (a slow Razorpay check, a key release
 * waiting for the database): handed to Next's `after()`, so the server keeps it alive (and a
 * serverless platform keeps the function running) until it settles. Outside a request (scripts,
 * the tests' route router) `after()` is unavailable and the promise simply runs on. `work` must
 * handle its own errors.
 */
export function afterResponse(work: Promise<unknown>): void {
  try {
    after(work);
  } catch {
    // Not in a request scope: nothing to keep alive, the promise is already running.
  }
}
