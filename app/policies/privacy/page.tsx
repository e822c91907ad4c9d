import { connection } from "next/server";
import { GrievanceOfficer, PolicyList, PolicyPage, PolicySection } from "@/components/policies/policy-page";
import { policyFacts } from "@/lib/shop/policies";
import { policyMetadata } from "@/lib/shop/policy-pages";

const PATH = "/policies/privacy";

export function generateMetadata() {
  return policyMetadata(PATH);
}

export default async function PrivacyPage() {
  await connection();
  const facts = policyFacts();
  const { shop } = facts;
  return (
    <PolicyPage
      href={PATH}
      summary={
        <>
          {shop.legalName} collects only what it needs to take your payment and deliver your order. We do not sell your data, show advertising or use tracking or analytics cookies. This policy is written for the Digital Personal Data Protection Act,
          2023.
        </>
      }
    >
      <PolicySection title="What we collect, and why">
        <PolicyList>
          <li>
            <strong>Your order</strong>: your name, email address, mobile number and delivery address, with the items, prices and totals. We need them to deliver the order, to send you its confirmation and any refund notice, and to keep the accounts the
            law requires.
          </li>
          <li>
            <strong>Your payment</strong>: you pay in Razorpay&apos;s window; your card number, CVV, UPI PIN and bank passwords go to Razorpay and never to us. Razorpay tells us the payment&apos;s reference, amount, method (card, UPI, netbanking…), status
            and, if it failed, the reason. Razorpay&apos;s own notices about your payment can include your email, phone, UPI ID and the last digits of your card: we store them encrypted (AES-256-GCM) and open them only to process the payment or, masked, for a
            support query.
          </li>
          <li>
            <strong>Your account</strong>, if you sign in: your email address and when it was verified. Staff accounts also hold a password hash (argon2id) and a record of sign-ins.
          </li>
          <li>
            <strong>A record of what happened to each order</strong> (placed, paid, refunded, by whom and when), which cannot be edited afterwards, so that every payment and refund can be accounted for.
          </li>
          <li>
            <strong>The emails we send you</strong> (confirmations, refund notices, sign-in links), kept so we can resend one you did not receive.
          </li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="Cookies">
        <p>We use only the cookies the shop cannot work without, all set by us and readable only by our server:</p>
        <PolicyList>
          <li>
            <code>{facts.cartCookie.name}</code>: the identifier of your cart, kept for {facts.cartCookie.days} days so your cart is still there when you come back.
          </li>
          <li>
            <code>next-auth.session-token</code> (<code>__Secure-next-auth.session-token</code> over https): keeps you signed in, for up to {facts.shopperSessionDays} days ({facts.adminSessionHours} hours for staff), until you sign out.
          </li>
          <li>
            <code>next-auth.csrf-token</code> and <code>next-auth.callback-url</code>: set while you sign in, to protect the sign-in form and to bring you back to the page you were on.
          </li>
        </PolicyList>
        <p>Razorpay&apos;s payment window may set cookies of its own, under Razorpay&apos;s privacy policy.</p>
      </PolicySection>

      <PolicySection title="Who sees your data">
        <PolicyList>
          <li>Razorpay, which processes your payment and any refund.</li>
          <li>Our email provider, which delivers the emails we send you.</li>
          <li>The courier delivering your parcel: your name, delivery address and mobile number.</li>
          <li>Authorities, when the law requires it (for example tax records).</li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="How we protect it">
        <PolicyList>
          <li>The website is served over an encrypted connection, with a strict content security policy: the only scripts our pages run are ours and, on the payment pages, Razorpay's checkout.</li>
          <li>
            Our server logs never contain card numbers, passwords or secrets: they are removed before a line is written, email addresses are shortened to their first letter and domain, phone numbers to their last digits. IP addresses used for
            rate limiting are stored only as one-way hashes, which expire within a few hours.
          </li>
          <li>Payment notices from Razorpay are encrypted at rest, as above.</li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="How long we keep it">
        <PolicyList>
          <li>Orders, payments, refunds and their records are kept at least as long as Indian tax and accounting law requires us to keep accounts; the shop does not delete them by itself.</li>
          <li>The records that stop a checkout from being placed twice (when a page is reloaded or a network drops) are deleted after {facts.idempotencyKeyHours} hours.</li>
          <li>Sign-in links expire after {facts.magicLinkMinutes} minutes, and cookies after the times above.</li>
        </PolicyList>
      </PolicySection>

      <PolicySection title="Your rights">
        <p>
          You may ask to see the personal data we hold about you, to correct it, or to erase what the law does not require us to keep, and you may withdraw your consent to future processing. Write to us: <GrievanceOfficer officer={shop.grievanceOfficer} />. If you are not satisfied, you may complain to the Data Protection Board of India.
        </p>
      </PolicySection>
    </PolicyPage>
  );
}
