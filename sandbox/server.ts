// A local, Razorpay-compatible sandbox: the REST API the shop calls, a checkout.js stand-in
// for the browser, signed webhooks with retries, and fault injection for tests.
//
// Pointing the official SDK at it: the SDK's base URL is the bare origin
// `https://api.razorpay.com` and every resource path already starts with `/v1`, so set
//   (rzp.api as any).rq.defaults.baseURL = sandbox.url;   // e.g. "http://127.0.0.1:40123", no "/v1"
// Adding "/v1" makes the SDK call `/v1/v1/...`, which this server answers with a 404 saying so.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, authenticationFailed, notFound, serverError } from "./errors";
import { FaultInjector } from "./faults";
import { answerPreflight, allowCrossOrigin, hasBasicCredentials, readJsonBody, requestOrigin, sendJson, sendScript } from "./http";
import { accountIdFor } from "./ids";
import { type Route, sandboxRoutes, type SandboxCore } from "./routes";
import { SandboxStore } from "./store";
import { type WebhookDelivery, WebhookDispatcher } from "./webhooks";

export type { WebhookDelivery } from "./webhooks";

export interface SandboxOptions {
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Where webhooks are POSTed; nothing is delivered while unset. */
  webhookUrl?: string;
  /** Defaults 5000 ms, 16 attempts, 5000 ms (Razorpay's own timeout); the delay doubles per attempt, with jitter. */
  webhookRetry?: { baseDelayMs?: number; maxAttempts?: number; timeoutMs?: number };
  /** Journal file to load state from at start and append to after every change (its folder is created). */
  stateFile?: string;
  log?: (line: string) => void;
}

export interface Sandbox {
  /** e.g. "http://127.0.0.1:40123" */
  url: string;
  setWebhookUrl(url: string | undefined): void;
  /** Every delivery attempt, including dropped events, oldest first. */
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves when no webhook delivery is scheduled or in flight. */
  idle(): Promise<void>;
  /** Stops the server and every timer. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const log = options.log ?? (() => {});
  const store = new SandboxStore(options.stateFile);
  let webhookUrl = options.webhookUrl;
  const faults = new FaultInjector();
  const webhooks = new WebhookDispatcher({
    webhookSecret: options.webhookSecret,
    retry: {
      baseDelayMs: options.webhookRetry?.baseDelayMs ?? 5_000,
      maxAttempts: options.webhookRetry?.maxAttempts ?? 16,
      timeoutMs: options.webhookRetry?.timeoutMs ?? 5_000,
    },
    targetUrl: () => webhookUrl,
    log,
  });
  const core: SandboxCore = {
    keyId: options.keyId,
    payments: { store, accountId: accountIdFor(options.keyId), keySecret: options.keySecret },
    faults,
    webhooks,
    commit(events) {
      store.save();
      webhooks.dispatch(events, faults.webhookFaults());
    },
  };
  const routes = sandboxRoutes(core);
  const hangingRequests = new Set<NodeJS.Timeout>();
  let url = "";

  const server = createServer((request, response) => {
    response.on("finish", () => log(`${request.method} ${request.url} ${response.statusCode}`));
    handle(request, response).catch((error: unknown) => {
      if (error instanceof ApiError) return sendJson(response, error.status, error.body);
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const failure = serverError(500);
      sendJson(response, failure.status, failure.body);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? "/", "http://sandbox.invalid");
    const path = requestUrl.pathname;
    if (path.startsWith("/v1/v1/")) {
      throw notFound(`Not found: ${path}. Set the Razorpay SDK baseURL to "${url}" without "/v1"; the SDK adds /v1 itself.`);
    }
    const candidates = routes.filter((route) => route.pattern.test(path));
    if (request.method === "OPTIONS" && candidates.some((route) => route.access === "public")) {
      return answerPreflight(request, response);
    }
    const route = candidates.find((candidate) => candidate.method === request.method);
    if (route?.access === "public") allowCrossOrigin(request, response);
    else if (!hasBasicCredentials(request, options.keyId, options.keySecret)) throw authenticationFailed();
    if (!route) throw notFound();

    const body = request.method === "GET" ? undefined : await readJsonBody(request);
    if (route.access === "api" && applyApiFault(path, response)) return;
    store.beginRequest();
    const reply = route.handle({
      request,
      url: requestUrl,
      params: route.pattern.exec(path)?.slice(1) ?? [],
      body,
      origin: requestOrigin(request, url),
    });
    if ("script" in reply) sendScript(response, reply.script);
    else sendJson(response, reply.status ?? 200, reply.json);
  }

  /** Returns true when an injected fault has taken over the response. */
  function applyApiFault(path: string, response: ServerResponse): boolean {
    const fault = faults.takeApiFault(path);
    if (!fault) return false;
    if (fault.kind === "fail") {
      const failure = serverError(fault.status);
      sendJson(response, failure.status, failure.body);
      return true;
    }
    // A hung upstream: no answer at all, then the connection drops.
    const timer = setTimeout(() => {
      hangingRequests.delete(timer);
      response.socket?.destroy();
    }, fault.ms);
    hangingRequests.add(timer);
    return true;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo; // listening on TCP, so never a pipe name or null
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  log(`Razorpay sandbox listening on ${url}`);

  return {
    url,
    setWebhookUrl(next) {
      webhookUrl = next;
    },
    webhookDeliveries: () => webhooks.history(),
    idle: () => webhooks.idle(),
    close: async () => {
      webhooks.close();
      for (const timer of hangingRequests) clearTimeout(timer);
      hangingRequests.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
