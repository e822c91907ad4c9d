import type { ComponentProps } from "react";

/**
 * A link to a page that opens Razorpay's popup (checkout, an order page). A plain <a>, not
 * next/link: a document's Content-Security-Policy comes with its full load, and only those pages'
 * policy allows Razorpay (proxy.ts). A client-side navigation would keep the policy of the page
 * the shopper came from, and the browser would refuse the checkout script.
 */
export function PaymentPageLink(props: ComponentProps<"a"> & { href: string }) {
  return <a {...props} />;
}
