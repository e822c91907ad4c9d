/** The pages Razorpay asks for before it activates a live account; the footer, the sitemap and the tests read this list. */
export const POLICY_PAGES = [
  { href: "/policies/terms", title: "Terms and Conditions" },
  { href: "/policies/privacy", title: "Privacy Policy" },
  { href: "/policies/refunds", title: "Refund and Cancellation Policy" },
  { href: "/policies/shipping", title: "Shipping and Delivery Policy" },
  { href: "/contact", title: "Contact Us" },
] as const;

export type PolicyHref = (typeof POLICY_PAGES)[number]["href"];

export function policyTitle(href: PolicyHref): string {
  return POLICY_PAGES.find((page) => page.href === href)!.title; // the type admits only listed pages
}
