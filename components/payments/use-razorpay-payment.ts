import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, sendJson } from "@/components/api";
import { loadRazorpay, type RazorpayFailure, type RazorpayInstance, type RazorpaySuccess } from "./razorpay";

/** What the popup needs to take a payment for one of our orders (the checkout API's answer has all of it). */
export interface PayableOrder {
  keyId: string;
  razorpayOrderId: string;
  amount: number;
  currency: string;
  orderNumber: number;
  orderUrl: string;
}

export interface Payer {
  name: string;
  email: string;
  phone: string;
}

export type PaymentState =
  | { phase: "idle" }
  | { phase: "opening" }
  | { phase: "open" }
  | { phase: "verifying" }
  | { phase: "redirecting" }
  | { phase: "problem"; title: string; message: string };

/** The popup's header colour: the shop's brand green (brand-700 in globals.css). */
const THEME_COLOR = "#135c4b";

/**
 * Waits before each retry of verify after an unknown outcome (no answer, or a 5xx such as
 * Razorpay failing behind us): five attempts over about 20 seconds before the order page takes
 * over, so a shopper who paid is not told otherwise because of one failed call.
 */
export const VERIFY_RETRY_DELAYS_MS = [1_500, 3_000, 5_000, 8_000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts the popup's answer to verify, retrying only while the outcome is unknown. Throws a definite refusal. */
export async function verifyWithRetries(response: RazorpaySuccess): Promise<void> {
  const { razorpay_payment_id, razorpay_order_id, razorpay_signature } = response;
  for (let attempt = 0; ; attempt++) {
    try {
      await sendJson("/api/payments/verify", { method: "POST", body: { razorpay_payment_id, razorpay_order_id, razorpay_signature } });
      return;
    } catch (error) {
      if (error instanceof ApiError && !error.outcomeUnknown) throw error;
      if (attempt >= VERIFY_RETRY_DELAYS_MS.length) return; // Still unknown: the order page finds out by asking Razorpay.
      await sleep(VERIFY_RETRY_DELAYS_MS[attempt]);
    }
  }
}

/**
 * Drives Razorpay's popup for one order: open, report failure or dismissal, and let the shopper
 * retry against the same Razorpay order, so a retry can never create a second order.
 */
export function useRazorpayPayment({ shopName, checkoutScriptUrl }: { shopName: string; checkoutScriptUrl: string }) {
  const [state, setState] = useState<PaymentState>({ phase: "idle" });
  const last = useRef<{ order: PayableOrder; payer: Payer } | null>(null);

  useEffect(() => {
    // Start fetching the script early so the popup opens at once; a failure is reported on Pay.
    loadRazorpay(checkoutScriptUrl).catch(() => undefined);
  }, [checkoutScriptUrl]);

  const popup = useRef<RazorpayInstance | null>(null);

  // The popup belongs to the page that opened it: leaving the page (Back, a link) closes it, so
  // no hidden popup can take a payment for an order the shopper has moved on from.
  useEffect(() => () => popup.current?.close(), []);

  const verify = useCallback(async (order: PayableOrder, response: RazorpaySuccess) => {
    setState({ phase: "verifying" });
    try {
      await verifyWithRetries(response);
    } catch (error) {
      // A definite refusal is shown here; if the answer stayed unknown the order page finds out.
      if (error instanceof ApiError) {
        setState({
          phase: "problem",
          title: "We couldn't confirm your payment",
          message: `${error.message.replace(/\.$/, "")}. If money left your account, your order page will show the payment as soon as Razorpay confirms it.`,
        });
        return;
      }
    }
    setState({ phase: "redirecting" });
    // A full load, so the header's cart count reflects the cart emptied by the payment.
    window.location.assign(order.orderUrl);
  }, []);

  const pay = useCallback(
    async (order: PayableOrder, payer: Payer) => {
      last.current = { order, payer };
      setState({ phase: "opening" });
      // Razorpay may close the popup after a failure; that is not the shopper dismissing it.
      let failed = false;
      try {
        const Razorpay = await loadRazorpay(checkoutScriptUrl);
        popup.current?.close();
        const opened = new Razorpay({
          key: order.keyId,
          order_id: order.razorpayOrderId,
          amount: order.amount,
          currency: order.currency,
          name: shopName,
          description: `Order #${order.orderNumber}`,
          prefill: { name: payer.name, email: payer.email, contact: payer.phone },
          theme: { color: THEME_COLOR },
          handler: (response) => void verify(order, response),
          modal: {
            ondismiss: () => {
              if (!failed) setState({ phase: "problem", title: "Payment not completed", message: "The payment window was closed before the payment went through. Nothing was charged." });
            },
          },
        });
        opened.on("payment.failed", (response: RazorpayFailure) => {
          failed = true;
          opened.close();
          setState({ phase: "problem", title: "Payment failed", message: response.error.description });
        });
        popup.current = opened;
        opened.open();
        setState({ phase: "open" });
      } catch (error) {
        setState({ phase: "problem", title: "The payment window didn't open", message: error instanceof Error ? error.message : "Please try again." });
      }
    },
    [checkoutScriptUrl, shopName, verify],
  );

  const retry = useCallback(() => {
    if (last.current) void pay(last.current.order, last.current.payer);
  }, [pay]);

  return { state, pay, retry };
}
