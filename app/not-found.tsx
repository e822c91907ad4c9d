import Link from "next/link";
import { buttonStyles } from "@/components/ui/styles";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold tracking-wider text-brand-700 uppercase">404</p>
      <h1 className="mt-2 font-display text-3xl font-semibold">We couldn’t find that page</h1>
      <p className="mt-3 text-stone-600">
        The product may no longer be sold, or the link is incomplete. Order links only work with the private token they were sent with.
      </p>
      <Link href="/" className={`${buttonStyles.primary} mt-8`}>
        Back to the shop
      </Link>
    </div>
  );
}
