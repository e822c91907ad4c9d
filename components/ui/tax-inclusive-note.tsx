/** Indian shoppers expect to be told that a price includes GST: said once here, shown under every price. */
export function TaxInclusiveNote({ className = "" }: { className?: string }) {
  return <p className={`text-xs text-stone-500 ${className}`}>incl. of all taxes</p>;
}
