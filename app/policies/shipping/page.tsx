import { connection } from "next/server";
import { MailLink, PolicyList, PolicyPage, PolicySection } from "@/components/policies/policy-page";
import { formatMoney } from "@/lib/money";
import { listInWords, policyFacts } from "@/lib/shop/policies";
import { policyMetadata } from "@/lib/shop/policy-pages";

const PATH = "/policies/shipping";

export function generateMetadata() {
  return policyMetadata(PATH);
}

export default async function ShippingPage() {
  await connection();
  const facts = policyFacts();
  const { shop } = facts;
  const { dispatchDays, deliveryDays } = shop.fulfilment;
  return (
    <PolicyPage
      href={PATH}
      summary={
        <>
          We deliver to {listInWords(facts.shipTo)}. Delivery is free on orders from {formatMoney(facts.freeShippingFrom)}; below that it is a flat {formatMoney(facts.shippingFee)} per order.
        </>
      }
    >
      <PolicySection title="Where we deliver">
        <p>
          We deliver to addresses in {listInWords(facts.shipTo)}. The checkout form accepts only those countries. Indian addresses are checked as you type them: the PIN code must belong to the state you choose, and the mobile number must be
          a valid Indian mobile number, so that the courier can reach you.
        </p>
      </PolicySection>

      <PolicySection title="What it costs">
        <PolicyList>
          <li>Free delivery when the items in your order add up to {formatMoney(facts.freeShippingFrom)} or more.</li>
          <li>Otherwise a flat {formatMoney(facts.shippingFee)} per order, whatever its size or destination.</li>
          <li>The delivery charge is shown in your cart and at checkout before you pay, and is part of the total you pay. There is nothing more to pay on delivery.</li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="How long it takes">
        <PolicyList>
          <li>
            We pack and dispatch an order within {dispatchDays} working {dispatchDays === 1 ? "day" : "days"} of your payment being confirmed. Orders are dispatched from {shop.address.city}, {shop.address.state}.
          </li>
          <li>
            Couriers then take {deliveryDays.min}–{deliveryDays.max} working days to deliver, depending on the destination; remote areas can take longer.
          </li>
          <li>An order is dispatched only once it is paid: an unpaid order is held for {facts.unpaidOrderMinutes} minutes and then expires.</li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="If something goes wrong">
        <p>
          If your parcel has not arrived within the times above, or arrives damaged, write to <MailLink address={shop.email} /> or call {shop.phone} with your order number. A damaged or wrong item is replaced or refunded as described in the refund
          policy. The delivery address cannot be changed once an order is paid and dispatched; before dispatch, write to us and we will do our best.
        </p>
      </PolicySection>
    </PolicyPage>
  );
}
