"use client";

import Link from "next/link";
import { useEffect } from "react";
import { buttonStyles } from "@/components/ui/styles";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  // Server errors reach the browser without their message (by design), so the copy here is generic.
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="font-display text-3xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-stone-600">We couldn’t load this page. Please try again in a moment.</p>
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" onClick={() => retry()} className={buttonStyles.primary}>
          Try again
        </button>
        <Link href="/" className={buttonStyles.secondary}>
          Back to the shop
        </Link>
      </div>
    </div>
  );
}
