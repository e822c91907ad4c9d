// `npm run reconcile`: one reconciliation run (see lib/reconciliation/reconcile.ts), for cron or by hand.
import { loadEnvFiles, useEmbeddedDatabaseUnlessConfigured } from "./env";

loadEnvFiles();
useEmbeddedDatabaseUnlessConfigured();
const { reconcile } = await import("../lib/reconciliation/reconcile");
const { db } = await import("../lib/db");
const report = await reconcile();
console.log(JSON.stringify(report, null, 2));
await db().$disconnect();
process.exit(report.errors.length ? 1 : 0);
