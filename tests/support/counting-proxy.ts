import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP proxy in front of the Razorpay sandbox that records every API call the shop makes
 * (method and path with query), so a test can count them. Its upstream is set once the sandbox is
 * up, because the shop must be configured with the proxy's address before it starts.
 */
export async function startCountingProxy() {
  let upstream: string | undefined;
  let dropNext: RegExp | undefined;
  let held: { pattern: RegExp; ms: number } | undefined;
  const calls: string[] = [];
  /** Calls that reached Razorpay; a held call whose caller went away meanwhile never does. */
  const forwarded: string[] = [];
  const abandoned: string[] = [];
  const server = createServer(async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (!upstream) {
      outgoing.writeHead(502).end();
      return;
    }
    const line = `${incoming.method} ${incoming.url}`;
    calls.push(line);
    if (held?.pattern.test(line)) {
      // Buffer the body (the caller has sent it all) and wait: a caller killed meanwhile closes its socket.
      const body: Buffer[] = [];
      for await (const chunk of incoming) body.push(chunk as Buffer);
      let gone = false;
      outgoing.on("close", () => (gone = !outgoing.writableFinished));
      await new Promise((resolve) => setTimeout(resolve, held?.ms ?? 0));
      if (gone || outgoing.destroyed) {
        abandoned.push(line);
        return;
      }
      forwarded.push(line);
      const target = new URL(incoming.url ?? "/", upstream);
      const forward = httpRequest(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host } }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forward.on("error", () => outgoing.destroy());
      forward.end(Buffer.concat(body));
      return;
    }
    forwarded.push(line);
    const drop = dropNext?.test(line) ?? false;
    if (drop) dropNext = undefined;
    const target = new URL(incoming.url ?? "/", upstream);
    const forward = httpRequest(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host } }, (answer) => {
      if (drop) {
        // Razorpay did the work; the caller never hears of it.
        answer.resume();
        answer.on("end", () => outgoing.destroy());
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on("error", () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    forwarded,
    abandoned,
    /** Calls matching `pattern` wait `ms` before they are sent on, and are not sent at all if their caller dies meanwhile. */
    hold(pattern: RegExp, ms: number) {
      held = { pattern, ms };
    },
    /** The next call matching `pattern` ("POST /v1/orders") reaches Razorpay, but its answer is lost. */
    dropNextAnswer(pattern: RegExp) {
      dropNext = pattern;
    },
    setUpstream(url: string) {
      upstream = url;
    },
    /** The calls made from now on: call the returned function to read them. */
    mark(): () => string[] {
      const from = calls.length;
      return () => calls.slice(from);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
