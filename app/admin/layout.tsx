import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentAdmin } from "@/lib/auth/guards";
import { SessionActions } from "./session-actions";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" }, robots: { index: false, follow: false } };

const nav = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/emails", label: "Emails" },
];

/**
 * The admin shell, shown only to a signed-in admin. It is not the guard: every admin page calls
 * requireAdmin() itself (a layout does not re-render on client navigation, and the login page
 * shares it), so without an admin this renders the page alone, which redirects or is the login.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const admin = await currentAdmin();
  if (!admin) return children;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-3">
        <nav aria-label="Admin" className="flex items-center gap-1">
          {nav.map((item) => (
            <Link key={item.href} href={item.href} className="rounded-full px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm text-stone-600">
          <Link href="/admin/security" data-testid="admin-email" className="hover:underline" title="Sign-in and sessions">
            {admin.email}
          </Link>
          <SessionActions />
        </div>
      </div>
      <div className="pt-6">{children}</div>
    </div>
  );
}
