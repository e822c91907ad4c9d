"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import type { OrderStatusView } from "@/lib/orders/status";

const FIRST_POLL_MS = 2_000;
const MAX_POLL_MS = 15_000;

/** What, when it changes, makes the page worth re-rendering. */
function fingerprint(view: OrderStatusView): string {
  return [view.status, view.paymentStatus, ...view.payments.map((payment) => `${payment.id}:${payment.status}`)].join("|");
}

/**
 * Polls the order's status while it is pending and re-renders the page (server components and
 * all) as soon as anything changes. Renders nothing itself; the banner is the live region.
 */
export function OrderStatusWatcher({ statusUrl, current }: { statusUrl: string; current: OrderStatusView }) {
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const pending = current.status === "pending";
  const seen = fingerprint(current);

  useEffect(() => {
    if (!pending) return;
    let delay = FIRST_POLL_MS;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;

    async function poll() {
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(statusUrl, { cache: "no-store" });
          if (response.ok && fingerprint((await response.json()) as OrderStatusView) !== seen) {
            startRefresh(() => router.refresh());
            return;
          }
        } catch {
          // Offline for a moment: the next poll tries again.
        }
      }
      if (stopped) return;
      delay = Math.min(Math.round(delay * 1.5), MAX_POLL_MS);
      timer = setTimeout(poll, delay);
    }

    timer = setTimeout(poll, delay);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [pending, seen, statusUrl, router]);

  return null;
}
