import { connection } from "next/server";
import { GrievanceOfficer, MailLink, PolicyLink, PolicyList, PolicyPage, PolicySection } from "@/components/policies/policy-page";
import { ShopAddress } from "@/components/policies/shop-address";
import { listInWords, policyFacts } from "@/lib/shop/policies";
import { policyMetadata } from "@/lib/shop/policy-pages";

const PATH = "/policies/terms";

export function generateMetadata() {
  return policyMetadata(PATH);
}

export default async function TermsPage() {
  // The shop's details are the running server's configuration, not the build machine's.
  await connection();
  const facts = policyFacts();
  const { shop } = facts;
  return (
    <PolicyPage href={PATH} summary={<>These terms apply to every order placed on this website, which is run by {shop.legalName} (GSTIN {shop.gstin}). By placing an order you accept them.</>}>
      <PolicySection title="Who we are">
        <ShopAddress shop={shop} />
        <p>
          Email <MailLink address={shop.email} />, phone {shop.phone}. More ways to reach us are on the <PolicyLink href="/contact">contact page</PolicyLink>.
        </p>
      </PolicySection>

      <PolicySection title="Products and prices">
        <PolicyList>
          <li>Prices are in Indian rupees (₹). The amount you pay is the total shown at checkout, worked out by us from our catalogue at the moment you place the order; a price in an old page or tab is never the one charged.</li>
          <li>Products are handmade or produced in small batches, so colour, size and pattern may differ slightly from the photographs.</li>
          <li>Stock is limited. An item is yours only once your order is paid; until then it is held for you as described below.</li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="Orders and payment">
        <PolicyList>
          <li>
            Payment is taken by our payment partner Razorpay (cards, UPI, netbanking and the other methods its checkout offers). Your card, UPI and bank details are entered in Razorpay&apos;s window and never reach us.
          </li>
          <li>
            When you place an order we hold its items for {facts.unpaidOrderMinutes} minutes while you pay. An order not paid by then expires and its items go back on sale. Changing your cart, or placing a new order from it, cancels the earlier unpaid one.
          </li>
          <li>Your order is confirmed only when Razorpay tells us your payment succeeded; we then email you a confirmation with a link to your order.</li>
          <li>
            If a payment reaches us after its order expired (a payment window left open), we accept it if the items are still available; otherwise we refund it in full. We keep watching an expired order for such a payment for {facts.latePaymentWatchDays} days.
          </li>
          <li>
            A payment we cannot match to its order (a different amount, or a second payment for an order already paid) is refunded to you in full automatically; see the <PolicyLink href="/policies/refunds">refund policy</PolicyLink>.
          </li>
          <li>One email address may hold at most {facts.maxUnpaidOrders} unpaid orders at a time.</li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="Delivery, cancellations and refunds">
        <p>
          We deliver to {listInWords(facts.shipTo)}. Delivery charges and timelines are in the <PolicyLink href="/policies/shipping">shipping and delivery policy</PolicyLink>; cancellations, returns and refunds in the{" "}
          <PolicyLink href="/policies/refunds">refund and cancellation policy</PolicyLink>. Both form part of these terms.
        </p>
      </PolicySection>

      <PolicySection title="Your account">
        <p>
          You may order as a guest. To see your orders in one place, sign in with your email address: we email you a link that works once, for {facts.magicLinkMinutes} minutes. Orders placed with a verified email address appear in that
          account.
        </p>
      </PolicySection>

      <PolicySection title="Fair use">
        <p>Automated or abusive use of the website (bulk ordering by scripts, attempts to get around limits, tampering with prices or payments) is refused, and the requests may be blocked for a while.</p>
      </PolicySection>

      <PolicySection title="Our responsibility">
        <p>
          Nothing in these terms limits the rights you have as a consumer under the Consumer Protection Act, 2019. Beyond them, our liability for an order is limited to the amount you paid for it.
        </p>
      </PolicySection>

      <PolicySection title="Law and disputes">
        <p>
          These terms are governed by the laws of India. Please write to us first: <GrievanceOfficer officer={shop.grievanceOfficer} />. Disputes are subject to the
          courts at {shop.address.city}, {shop.address.state}.
        </p>
      </PolicySection>
    </PolicyPage>
  );
}
