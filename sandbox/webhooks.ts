// Webhook delivery with Razorpay's contract: signed raw body, at-least-once, retried with
// exponential backoff, never blocking the API call that produced the event.
import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { SandboxEvent } from "./events";
import type { WebhookFaults } from "./faults";
import { webhookSignature } from "./signatures";

export type DeliveryStatus = number | "timeout" | "network_error" | "dropped";

export interface WebhookDelivery {
  eventId: string;
  event: string;
  paymentId?: string;
  orderId?: string;
  attempt: number;
  status: DeliveryStatus;
  /** ISO 8601 time the attempt finished. */
  at: string;
}

export interface WebhookRetryPolicy {
  baseDelayMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

interface DispatcherOptions {
  webhookSecret: string;
  retry: WebhookRetryPolicy;
  targetUrl: () => string | undefined;
  log: (line: string) => void;
}

const JITTER = 0.2;

export class WebhookDispatcher {
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<ClientRequest>();
  private idleWaiters: (() => void)[] = [];
  private pending = 0;
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {}

  history(): WebhookDelivery[] {
    return this.deliveries.map((delivery) => ({ ...delivery }));
  }

  /** Delivers one action's events in order (first attempts one after another); retries run independently. */
  dispatch(events: SandboxEvent[], faults: WebhookFaults): void {
    if (this.closed || events.length === 0 || this.options.targetUrl() === undefined) return;
    const deliverable: SandboxEvent[] = [];
    for (const event of arrange(events, faults.order)) {
      if (isDropped(event, faults.drop)) this.record(event, 1, "dropped");
      else for (let copy = 0; copy <= (faults.duplicate ?? 0); copy++) deliverable.push(event);
    }
    if (deliverable.length === 0) return;
    this.track(async () => {
      if (faults.delayMs) await this.sleep(faults.delayMs);
      for (const event of deliverable) await this.attempt(event, 1);
    });
  }

  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
    this.pending = 0;
    this.notifyIdle();
  }

  private async attempt(event: SandboxEvent, attempt: number): Promise<void> {
    const url = this.options.targetUrl();
    if (this.closed || url === undefined) return;
    const status = await this.post(url, event);
    if (this.closed) return;
    this.record(event, attempt, status);
    if (typeof status === "number" && status >= 200 && status < 300) return;

    const { baseDelayMs, maxAttempts } = this.options.retry;
    if (attempt >= maxAttempts) {
      this.options.log(`webhook ${event.event} ${event.id}: giving up after ${attempt} attempts`);
      return;
    }
    const jitter = 1 - JITTER + Math.random() * 2 * JITTER;
    const delay = Math.round(baseDelayMs * 2 ** (attempt - 1) * jitter);
    this.track(async () => {
      await this.sleep(delay);
      await this.attempt(event, attempt + 1);
    });
  }

  private post(url: string, event: SandboxEvent): Promise<DeliveryStatus> {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const request = send(target, {
        method: "POST",
        agent: false,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(event.body),
          "X-Razorpay-Signature": webhookSignature(event.body, this.options.webhookSecret),
          "x-razorpay-event-id": event.id,
          "User-Agent": "Razorpay-Webhook/v1",
        },
      });
      this.inFlight.add(request);
      let settled = false;
      const finish = (status: DeliveryStatus) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(request);
        resolve(status);
      };
      const timer = setTimeout(() => {
        finish("timeout");
        request.destroy();
      }, this.options.retry.timeoutMs);
      request.on("response", (response) => {
        response.resume();
        finish(response.statusCode ?? "network_error");
      });
      request.on("error", () => finish("network_error"));
      request.end(event.body);
    });
  }

  private record(event: SandboxEvent, attempt: number, status: DeliveryStatus): void {
    this.deliveries.push({
      eventId: event.id,
      event: event.event,
      paymentId: event.paymentId,
      orderId: event.orderId,
      attempt,
      status,
      at: new Date().toISOString(),
    });
    this.options.log(`webhook ${event.event} ${event.id} attempt ${attempt}: ${status}`);
  }

  private track(work: () => Promise<void>): void {
    this.pending += 1;
    work().finally(() => {
      if (this.closed) return;
      this.pending -= 1;
      if (this.pending === 0) this.notifyIdle();
    });
  }

  /** A cancellable wait: close() clears the timer, leaving the awaiting task parked for good. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function arrange(events: SandboxEvent[], order: WebhookFaults["order"]): SandboxEvent[] {
  const arranged = [...events];
  if (order === "reverse") arranged.reverse();
  if (order === "shuffle") {
    for (let i = arranged.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [arranged[i], arranged[j]] = [arranged[j], arranged[i]];
    }
  }
  return arranged;
}

function isDropped(event: SandboxEvent, drop: WebhookFaults["drop"]): boolean {
  return drop === true || (Array.isArray(drop) && drop.includes(event.event));
}
