interface Addressed {
  customerName: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** An order's shipping address as a postal label, for the shopper's order page and the admin's. */
export function PostalAddress({ order, withName = false, className = "" }: { order: Addressed; withName?: boolean; className?: string }) {
  return (
    <address className={`text-sm leading-relaxed text-stone-700 not-italic ${className}`}>
      {withName && (
        <>
          {order.customerName}
          <br />
        </>
      )}
      {order.addressLine1}
      <br />
      {order.addressLine2 && (
        <>
          {order.addressLine2}
          <br />
        </>
      )}
      {order.city}, {order.state} {order.postalCode}
      <br />
      {regionNames.of(order.country) ?? order.country}
    </address>
  );
}
