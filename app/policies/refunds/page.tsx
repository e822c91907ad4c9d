import { connection } from "next/server";
import { MailLink, PolicyLink, PolicyList, PolicyPage, PolicySection } from "@/components/policies/policy-page";
import { policyFacts, RAZORPAY_REFUND_WORKING_DAYS } from "@/lib/shop/policies";
import { policyMetadata } from "@/lib/shop/policy-pages";

const PATH = "/policies/refunds";

export function generateMetadata() {
  return policyMetadata(PATH);
}

export default async function RefundsPage() {
  await connection();
  const facts = policyFacts();
  const { shop } = facts;
  return (
    <PolicyPage
      href={PATH}
      summary={<>Every refund goes back to the card, bank account or UPI ID you paid with, through Razorpay. You never have to ask for money we should not have taken: those refunds are automatic.</>}
    >
      <PolicySection title="Cancelling an order">
        <PolicyList>
          <li>
            <strong>Before you pay</strong> there is nothing to cancel: an unpaid order holds its items for {facts.unpaidOrderMinutes} minutes and then expires by itself. Changing your cart cancels it at once.
          </li>
          <li>
            <strong>After you pay, before we dispatch</strong> (usually within {shop.fulfilment.dispatchDays} working days): write to <MailLink address={shop.email} /> with your order number and we cancel it and refund the full amount, shipping included.
          </li>
          <li>
            <strong>After dispatch</strong> an order can no longer be cancelled; the returns below apply.
          </li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="Returns">
        <p>
          If an item arrives damaged, defective or not what you ordered, tell us within {shop.fulfilment.returnDays} days of delivery at <MailLink address={shop.email} />, with your order number and a photo. We arrange the return at our cost and
          refund the item (or send a replacement, if you prefer). Teas, spices and snacks cannot be returned once delivered for any other reason, for food safety; neither can items that have been used.
        </p>
      </PolicySection>

      <PolicySection title="Refunds we make automatically">
        <PolicyList>
          <li>If you pay twice for the same order (two tabs, two devices), the second payment is refunded in full.</li>
          <li>If a payment does not match its order (a different amount or currency), it is refunded in full and the order stays open for you to pay correctly.</li>
          <li>
            If you pay for an order after it expired and its items have meanwhile been sold, the payment is refunded in full. (If they are still available, the order is simply confirmed.)
          </li>
          <li>If your bank only authorised a payment that we could not accept, we do not capture it and the authorisation lapses, releasing the money by itself.</li>
        </PolicyList>
        <p>We email you whenever a refund is made, and your order page shows what was received, what was credited and what was refunded.</p>
      </PolicySection>

      <PolicySection title="When the money arrives">
        <p>
          We send a refund to Razorpay as soon as it is decided; it always goes back to the original payment method, never as store credit or cash. Razorpay says a refund reaches your account within {RAZORPAY_REFUND_WORKING_DAYS} working days of
          being processed, depending on your bank. If it has not arrived after that, write to us with your order number and we will send you the refund&apos;s reference for your bank.
        </p>
        <p>
          Your orders are listed at <PolicyLink href="/account/orders">your orders</PolicyLink> once you sign in with the email address you ordered with.
        </p>
      </PolicySection>
    </PolicyPage>
  );
}
