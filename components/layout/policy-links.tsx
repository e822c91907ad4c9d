import Link from "next/link";
import { POLICY_PAGES } from "@/lib/shop/policy-pages";

/** The footer's column of policy pages, which Razorpay checks for before activating a live account. */
export function PolicyLinks() {
  return (
    <div>
      <h2 className="text-xs font-semibold uppercase tracking-wider text-stone-900">Help and policies</h2>
      <ul className="mt-3 space-y-2">
        {POLICY_PAGES.map((page) => (
          <li key={page.href}>
            <Link href={page.href} className="hover:text-brand-800 hover:underline">
              {page.title}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
