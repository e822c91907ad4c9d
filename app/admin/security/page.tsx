import type { Metadata } from "next";
import { formatDateTime } from "@/components/orders/format";
import { cardStyles } from "@/components/ui/styles";
import { recentAccountEvents } from "@/lib/auth/audit";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Sign-in and sessions" };

const descriptions: Record<string, string> = {
  signed_in: "Signed in with the password",
  sign_in_refused: "Sign-in refused",
  sessions_revoked: "Signed out everywhere",
  role_changed: "Role changed",
  admin_bootstrapped: "Admin account set from ADMIN_EMAIL / ADMIN_PASSWORD",
};

/** The signed-in admin's own account history: when someone signed in (or tried to) as them. */
export default async function AdminSecurityPage() {
  const admin = await requireAdmin();
  const events = await recentAccountEvents(admin.id);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-display text-2xl font-semibold">Sign-in and sessions</h1>
      <p className="mt-2 text-sm text-stone-600">
        Signed in as {admin.email}. Admin sessions last 8 hours. If you signed in on a device you no longer have, use “Sign out everywhere” above.
      </p>
      <section className={`${cardStyles} mt-6 p-5`}>
        <h2 className="text-base font-semibold">Recent activity on this account</h2>
        {events.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">Nothing recorded yet.</p>
        ) : (
          <ol className="mt-3 divide-y divide-stone-100 text-sm">
            {events.map((event) => (
              <li key={String(event.id)} className="flex justify-between gap-4 py-2">
                <span>{descriptions[event.action] ?? event.action}</span>
                <span className="text-stone-500">{formatDateTime(event.createdAt)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
