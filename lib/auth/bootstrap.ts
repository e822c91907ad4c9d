import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { ensureAdmin } from "./users";

/**
 * Run at server start (instrumentation.ts): makes sure ADMIN_EMAIL can sign in with
 * ADMIN_PASSWORD. A failure (database not reachable yet) is logged, not fatal: the shop still
 * serves shoppers, and the next start tries again.
 */
export async function bootstrapFirstAdmin(): Promise<void> {
  const admin = config().auth.firstAdmin;
  if (!admin) return;
  try {
    const outcome = await ensureAdmin(admin.email, admin.password);
    log.info("first_admin", { email: admin.email, outcome });
  } catch (error) {
    log.error("first_admin_failed", { email: admin.email, error: error instanceof Error ? error.message : String(error) });
  }
}
