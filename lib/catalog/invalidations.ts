import { catalogDb } from "./db";

const FEED = Symbol.for("chai-and-chaat.catalog-invalidations");
/**
 * Rows are read for this long after they were written: a transaction's row becomes visible when it
 * commits, which can be well after the row's time (the shop's transactions time out at 20 s), so
 * a reader that only asked for "newer than the last one I saw" could miss it.
 */
const WINDOW_SECONDS = 60;
/** Older rows have been read by every instance that was up; they are deleted now and then. */
const KEEP_MINUTES = 60;
const PRUNE_EVERY_MS = 10 * 60_000;

export interface InvalidationFeed {
  recent(): Promise<{ id: string; tags: string[] }[]>;
}

let lastPruneAt = 0;

async function recent(): Promise<{ id: string; tags: string[] }[]> {
  if (Date.now() - lastPruneAt > PRUNE_EVERY_MS) {
    lastPruneAt = Date.now();
    await catalogDb().$executeRaw`DELETE FROM catalog_invalidations WHERE created_at < now() - make_interval(mins => ${KEEP_MINUTES})`;
  }
  return catalogDb().$queryRaw<{ id: string; tags: string[] }[]>`
    SELECT id::text AS id, tags FROM catalog_invalidations WHERE created_at > now() - make_interval(secs => ${WINDOW_SECONDS}) ORDER BY id`;
}

/** Lets the cache handler (lib/catalog/cache-handler.mjs, loaded by Next outside the app's bundle) read the feed. */
export function ensureInvalidationFeed(): void {
  const holder = globalThis as { [FEED]?: InvalidationFeed };
  holder[FEED] ??= { recent };
}
