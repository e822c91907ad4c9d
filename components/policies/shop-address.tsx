import type { ShopDetails } from "@/lib/shop/details";

/** The shop's registered address as a postal address. */
export function ShopAddress({ shop }: { shop: ShopDetails }) {
  const { line1, line2, city, postalCode, state } = shop.address;
  return (
    <address className="not-italic">
      {shop.legalName}
      <br />
      {line1}
      {line2 && (
        <>
          <br />
          {line2}
        </>
      )}
      <br />
      {city} {postalCode}, {state}, India
    </address>
  );
}
