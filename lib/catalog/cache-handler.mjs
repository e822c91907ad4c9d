// The 'use cache' handler (next.config.ts `cacheHandlers.default`): Next's own in-memory LRU, plus
// invalidations read from PostgreSQL, so that every app instance forgets what the database says
// changed, whoever changed it (another instance, the worker process, a script): revalidateTag only
// reaches the process that calls it, and the worker cannot call it at all.
//
// Next loads this file with a plain dynamic import at run time (it is not bundled), so it is
// JavaScript and reaches the database through the feed the app registers on globalThis
// (lib/catalog/invalidations.ts), with the app's configuration and pools.
import { createDefaultCacheHandler } from "next/dist/server/lib/cache-handlers/default.js";

const FEED = Symbol.for("chai-and-chaat.catalog-invalidations");
/** How often, at most, a request waits for this instance to read the feed: the staleness bound. */
const SYNC_EVERY_MS = 1_000;
/** A request never waits longer than this for the feed (a slow database): it is read in the background. */
const SYNC_WAIT_MS = 300;
/** Next's default size for its in-memory cache. */
const MAX_BYTES = 50 * 1024 * 1024;

const memory = createDefaultCacheHandler(MAX_BYTES);
/** Ids of the feed's rows already applied (the feed returns a sliding window, see invalidations.ts). */
let applied = new Set();
let lastSyncAt = 0;
/** @type {Promise<void> | null} */
let syncing = null;

async function sync() {
  /** @type {{ recent(): Promise<{ id: string; tags: string[] }[]> } | undefined} */
  const feed = globalThis[FEED];
  if (!feed) return;
  const rows = await feed.recent();
  const tags = new Set();
  for (const row of rows) if (!applied.has(row.id)) for (const tag of row.tags) tags.add(tag);
  // Without durations: expired now, so every entry made before this moment is a miss.
  if (tags.size > 0) await memory.updateTags([...tags]);
  applied = new Set(rows.map((row) => row.id));
}

function startSync() {
  lastSyncAt = Date.now();
  syncing = sync()
    .catch((error) => {
      // The cache keeps serving (its `catalog` cache life bounds how stale), and the next request tries again.
      console.warn(JSON.stringify({ level: "warn", msg: "catalog_invalidations_unreadable", error: error instanceof Error ? error.message : String(error) }));
    })
    .finally(() => {
      syncing = null;
    });
  return syncing;
}

export default {
  get: (cacheKey, softTags) => memory.get(cacheKey, softTags),
  set: (cacheKey, pendingEntry) => memory.set(cacheKey, pendingEntry),
  getExpiration: (tags) => memory.getExpiration(tags),
  updateTags: (tags, durations) => memory.updateTags(tags, durations),
  /** Called by Next before a request's first cache read. */
  async refreshTags() {
    const pending = syncing ?? (Date.now() - lastSyncAt >= SYNC_EVERY_MS ? startSync() : null);
    if (pending) await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, SYNC_WAIT_MS).unref())]);
  },
};
