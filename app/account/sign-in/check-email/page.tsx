import type { Metadata } from "next";
import { cardStyles } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Check your email", robots: { index: false, follow: false } };

export default function CheckEmailPage() {
  return (
    <div className={`${cardStyles} mx-auto mt-6 max-w-sm p-6 sm:p-8`}>
      <h1 className="font-display text-2xl font-semibold">Check your email</h1>
      <p className="mt-2 text-sm text-stone-600">We sent you a sign-in link. It works once, for 15 minutes. Open it on this device to see your orders.</p>
    </div>
  );
}
