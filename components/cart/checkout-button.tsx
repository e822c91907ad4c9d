import { PaymentPageLink } from "@/components/payments/payment-page-link";
import { buttonStyles } from "@/components/ui/styles";
import { checkoutBlocker } from "@/lib/cart/checkout-readiness";

/**
 * The cart's way to /checkout (the cart page and the mini-cart): a full page load, or, while a
 * line is sold out or asks for more than is left, a disabled button described by the reason.
 * `reasonId` must be unique on the page.
 */
export function CheckoutButton({ lines, reasonId }: { lines: readonly { quantity: number; stock: number }[]; reasonId: string }) {
  const blocker = checkoutBlocker(lines);
  const className = `${buttonStyles.primary} w-full py-3 text-base`;
  if (!blocker) {
    return (
      <PaymentPageLink href="/checkout" className={className}>
        Checkout
      </PaymentPageLink>
    );
  }
  return (
    <>
      <p id={reasonId} className="text-sm font-medium text-amber-800">
        {blocker}
      </p>
      <button type="button" disabled aria-describedby={reasonId} className={className}>
        Checkout
      </button>
    </>
  );
}
