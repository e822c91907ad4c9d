import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";

/** The pages Razorpay asks for before it activates a live account; the footer, the sitemap and the tests read this list. */
export const POLICY_PAGES = [
  { href: "/policies/terms", title: "Terms and Conditions", description: "The terms on which we sell: orders, prices, payment through Razorpay, delivery, cancellations and the law that applies." },
  { href: "/policies/privacy", title: "Privacy Policy", description: "What we collect when you shop with us, why, who sees it, the cookies we use and how long we keep it." },
  { href: "/policies/refunds", title: "Refund and Cancellation Policy", description: "How to cancel an order, return a damaged or wrong item, and when and where your refund arrives." },
  { href: "/policies/shipping", title: "Shipping and Delivery Policy", description: "Where we deliver, what delivery costs, and how long it takes." },
  { href: "/contact", title: "Contact Us", description: "Write to us, call us or find us: our address, email, phone and GSTIN." },
] as const;

export type PolicyHref = (typeof POLICY_PAGES)[number]["href"];

function policyPage(href: PolicyHref) {
  return POLICY_PAGES.find((page) => page.href === href)!; // the type admits only listed pages
}

export function policyTitle(href: PolicyHref): string {
  return policyPage(href).title;
}

/** A policy page's title, description and canonical URL, from the list above. */
export function policyMetadata(href: PolicyHref): Metadata {
  const { title, description } = policyPage(href);
  return pageMetadata({ title, description, path: href });
}
