import { connection } from "next/server";
import { GrievanceOfficer, MailLink, PolicyPage, PolicySection } from "@/components/policies/policy-page";
import { ShopAddress } from "@/components/policies/shop-address";
import { policyFacts } from "@/lib/shop/policies";
import { policyMetadata } from "@/lib/shop/policy-pages";

const PATH = "/contact";

export function generateMetadata() {
  return policyMetadata(PATH);
}

export default async function ContactPage() {
  await connection();
  const { shop } = policyFacts();
  const telephone = shop.phone.replace(/[^+\d]/g, "");
  return (
    <PolicyPage href={PATH} summary={<>Questions about an order, a payment or a product? Write or call us; please have your order number at hand.</>}>
      <dl className="grid gap-6 sm:grid-cols-2">
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <dt className="text-xs font-semibold uppercase tracking-wider text-stone-900">Email</dt>
          <dd className="mt-2">
            <MailLink address={shop.email} />
          </dd>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <dt className="text-xs font-semibold uppercase tracking-wider text-stone-900">Phone</dt>
          <dd className="mt-2">
            <a href={`tel:${telephone}`} className="font-medium text-brand-800 underline underline-offset-4">
              {shop.phone}
            </a>
          </dd>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <dt className="text-xs font-semibold uppercase tracking-wider text-stone-900">Registered address</dt>
          <dd className="mt-2">
            <ShopAddress shop={shop} />
          </dd>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <dt className="text-xs font-semibold uppercase tracking-wider text-stone-900">GSTIN</dt>
          <dd className="mt-2 font-mono tabular-nums">{shop.gstin}</dd>
        </div>
      </dl>

      <PolicySection title="Grievance officer">
        <p>
          If we have not put something right, <GrievanceOfficer officer={shop.grievanceOfficer} />.
        </p>
      </PolicySection>
    </PolicyPage>
  );
}
