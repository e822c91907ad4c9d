import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, sendJson } from "@/components/api";
import { loadRazorpay, type RazorpayFailure, type RazorpaySuccess } from "./razorpay";

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

  const verify = useCallback(async (order: PayableOrder, { razorpay_payment_id, razorpay_order_id, razorpay_signature }: RazorpaySuccess) => {
    setState({ phase: "verifying" });
    try {
      await sendJson("/api/payments/verify", { method: "POST", body: { razorpay_payment_id, razorpay_order_id, razorpay_signature } });
    } catch (error) {
      // A definite refusal is shown here; if the answer is unknown the order page finds out by polling.
      if (error instanceof ApiError && !error.outcomeUnknown) {
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
        const popup = new Razorpay({
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
        popup.on("payment.failed", (response: RazorpayFailure) => {
          failed = true;
          popup.close();
          setState({ phase: "problem", title: "Payment failed", message: response.error.description });
        });
        popup.open();
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
