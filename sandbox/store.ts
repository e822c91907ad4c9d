// In-memory state of one sandbox instance, optionally mirrored to a file so a dev restart keeps
// orders and payments (the shop's database would otherwise point at nothing).
//
// The file is an append-only journal: one JSON line per entity written after each change, the
// latest line for an id winning. Rewriting the whole state on every change made order creation
// slow down as state grew (336/s at the start, 88/s at 4k orders); appending costs the same at
// any size. The journal is compacted (one line per entity) when loaded and whenever it has grown
// to several times the number of entities, so its size stays proportional to the state.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { OrderRecord, Payment, Refund } from "./entities";

/** What an `X-Refund-Idempotency` key was first used for. */
export interface RefundIdempotencyRecord {
  key: string;
  paymentId: string;
  requestFingerprint: string;
  refundId: string;
}

const JOURNAL_VERSION = 2;
const COLLECTIONS = ["orders", "payments", "refunds", "refundKeys"] as const;
type CollectionName = (typeof COLLECTIONS)[number];

// Entities are written by this module only, so the file is trusted for their inner shape;
// the schemas guard against a foreign or truncated file.
const entitySchemas = {
  orders: z.looseObject({ order: z.looseObject({ id: z.string() }), settings: z.looseObject({}) }),
  payments: z.looseObject({ id: z.string() }),
  refunds: z.looseObject({ id: z.string() }),
  refundKeys: z.looseObject({ key: z.string() }),
};
const headerSchema = z.object({ sandboxJournal: z.literal(JOURNAL_VERSION) });
const journalLineSchema = z.union(COLLECTIONS.map((name) => z.strictObject({ [name]: entitySchemas[name] })));
/** The format before the journal: one JSON document rewritten on every change. */
const snapshotSchema = z.object({
  version: z.literal(1),
  orders: z.array(entitySchemas.orders),
  payments: z.array(entitySchemas.payments),
  refunds: z.array(entitySchemas.refunds),
  refundKeys: z.array(entitySchemas.refundKeys),
});

/** A Map that remembers which keys were read or written since it was last asked, i.e. which entities a change may have touched. */
class TrackedMap<V> extends Map<string, V> {
  readonly touched = new Set<string>();

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) this.touched?.add(key);
    return value;
  }

  override set(key: string, value: V): this {
    this.touched?.add(key); // `touched` is not yet assigned while Map's constructor runs
    return super.set(key, value);
  }
}

export class SandboxStore {
  // Maps keep insertion order, which is creation order: listings reverse it for newest first.
  readonly orders = new TrackedMap<OrderRecord>();
  readonly payments = new TrackedMap<Payment>();
  readonly refunds = new TrackedMap<Refund>();
  readonly refundKeys = new TrackedMap<RefundIdempotencyRecord>();
  private journalLines = 0;

  constructor(private readonly stateFile?: string) {
    if (!stateFile) return;
    mkdirSync(path.dirname(stateFile), { recursive: true });
    if (existsSync(stateFile)) this.load(stateFile);
    this.compact();
  }

  paymentsOfOrder(orderId: string): Payment[] {
    return [...this.payments.values()].filter((payment) => payment.order_id === orderId);
  }

  refundsOfPayment(paymentId: string): Refund[] {
    return [...this.refunds.values()].filter((refund) => refund.payment_id === paymentId);
  }

  /**
   * Forgets what earlier requests read. Every mutation happens on an entity the request got
   * from (or put into) a map, so what is touched after this is a superset of what changes.
   */
  beginRequest(): void {
    for (const name of COLLECTIONS) this[name].touched.clear();
  }

  /** Called after every change; a synchronous append keeps the file in step with the answer sent. */
  save(): void {
    if (!this.stateFile) return;
    const lines: string[] = [];
    for (const name of COLLECTIONS) {
      const map: Map<string, unknown> = this[name];
      for (const key of this[name].touched) lines.push(JSON.stringify({ [name]: Map.prototype.get.call(map, key) }));
      this[name].touched.clear();
    }
    if (lines.length === 0) return;
    appendFileSync(this.stateFile, `${lines.join("\n")}\n`);
    this.journalLines += lines.length;
    if (this.journalLines > 4 * this.entityCount() + 1_000) this.compact();
  }

  private entityCount(): number {
    return COLLECTIONS.reduce((total, name) => total + this[name].size, 0);
  }

  /** Rewrites the journal as one line per entity (atomically, through a rename). */
  private compact(): void {
    if (!this.stateFile) return;
    const lines = [JSON.stringify({ sandboxJournal: JOURNAL_VERSION })];
    for (const name of COLLECTIONS) {
      for (const entity of Map.prototype.values.call(this[name])) lines.push(JSON.stringify({ [name]: entity }));
    }
    const temporary = `${this.stateFile}.tmp`;
    writeFileSync(temporary, `${lines.join("\n")}\n`);
    renameSync(temporary, this.stateFile);
    this.journalLines = lines.length - 1;
  }

  private put(name: CollectionName, entity: unknown): void {
    const map = this[name] as Map<string, unknown>;
    const key = name === "orders" ? (entity as OrderRecord).order.id : name === "refundKeys" ? (entity as RefundIdempotencyRecord).key : (entity as { id: string }).id;
    // Setting an existing key keeps its place, so creation order is the order of first lines.
    Map.prototype.set.call(map, key, entity);
  }

  private load(file: string): void {
    const text = readFileSync(file, "utf8");
    const [first = "", ...rest] = text.split("\n");
    if (!headerSchema.safeParse(safeJson(first)).success) return this.loadSnapshot(file, text);
    const lines = rest.filter((line) => line.trim() !== "");
    for (const [index, line] of lines.entries()) {
      const parsed = journalLineSchema.safeParse(safeJson(line));
      if (!parsed.success) {
        // A process killed mid-append leaves at most a torn last line: the change it held was never acknowledged.
        if (index === lines.length - 1 && !text.endsWith("\n")) break;
        throw new Error(`Sandbox state file ${file} has an unreadable line ${index + 2}; delete the file to start empty.`);
      }
      const [name, entity] = Object.entries(parsed.data)[0] as [CollectionName, unknown];
      this.put(name, entity);
    }
    for (const name of COLLECTIONS) this[name].touched.clear();
  }

  private loadSnapshot(file: string, text: string): void {
    const parsed = snapshotSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new Error(`Sandbox state file ${file} is not a sandbox state file; delete it to start empty.`);
    for (const name of COLLECTIONS) for (const entity of parsed.data[name]) this.put(name, entity);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
