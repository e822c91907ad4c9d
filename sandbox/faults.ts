// Fault injection: misbehaviour the real service shows rarely but the shop must survive
// (duplicate and out-of-order webhooks, lost webhooks, failing or hanging API calls).
import { z } from "zod";

const webhookFaultsSchema = z.strictObject({
  duplicate: z.number().int().min(0).max(50).optional(),
  order: z.enum(["reverse", "shuffle"]).optional(),
  delayMs: z.number().int().min(0).optional(),
  drop: z.union([z.boolean(), z.array(z.string())]).optional(),
});

const apiFaultsSchema = z.strictObject({
  failNext: z.number().int().min(0).optional(),
  status: z.number().int().min(400).max(599).optional(),
  timeoutNext: z.number().int().min(0).optional(),
  timeoutMs: z.number().int().min(0).optional(),
  failPaths: z
    .string()
    .refine(isValidRegExp, { message: "failPaths must be a valid regular expression" })
    .optional(),
});

export const faultsPatchSchema = z.strictObject({
  webhooks: webhookFaultsSchema.optional(),
  api: apiFaultsSchema.optional(),
});

export type WebhookFaults = z.infer<typeof webhookFaultsSchema>;
export type ApiFaults = z.infer<typeof apiFaultsSchema>;
export type Faults = z.infer<typeof faultsPatchSchema>;

export type ApiFault = { kind: "fail"; status: number } | { kind: "timeout"; ms: number };

const DEFAULT_FAIL_STATUS = 500;
const DEFAULT_TIMEOUT_MS = 30_000;

export class FaultInjector {
  private active: Faults = {};

  current(): Faults {
    return structuredClone(this.active);
  }

  /** Merges one level deep, so `{ api: { failNext: 1 } }` keeps earlier webhook faults. */
  merge(patch: Faults): Faults {
    const webhooks = { ...this.active.webhooks, ...patch.webhooks };
    const api = { ...this.active.api, ...patch.api };
    this.active = {
      ...(Object.keys(webhooks).length > 0 ? { webhooks } : {}),
      ...(Object.keys(api).length > 0 ? { api } : {}),
    };
    return this.current();
  }

  clear(): void {
    this.active = {};
  }

  /** Taken when an action produces events, so later fault changes do not affect them. */
  webhookFaults(): WebhookFaults {
    return { ...this.active.webhooks };
  }

  /** Consumes one pending API fault for this path, if any; failures are served before hangs. */
  takeApiFault(path: string): ApiFault | undefined {
    const api = this.active.api;
    if (!api) return undefined;
    if (api.failPaths !== undefined && !new RegExp(api.failPaths).test(path)) return undefined;
    if (api.failNext) {
      api.failNext -= 1;
      return { kind: "fail", status: api.status ?? DEFAULT_FAIL_STATUS };
    }
    if (api.timeoutNext) {
      api.timeoutNext -= 1;
      return { kind: "timeout", ms: api.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    }
    return undefined;
  }
}

/** Accepts `{"webhooks.duplicate": 1}` as well as the nested form, since both get written. */
export function expandDottedKeys(input: unknown): unknown {
  if (!isPlainObject(input)) return input;
  const expanded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const [group, field] = key.split(".", 2);
    const existing = isPlainObject(expanded[group]) ? expanded[group] : {};
    if (field !== undefined) expanded[group] = { ...existing, [field]: value };
    // Anything but an object is passed on as is, for the schema to reject with a clear message.
    else expanded[group] = isPlainObject(value) ? { ...existing, ...value } : value;
  }
  return expanded;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
