"use client";

import { formatMoney } from "@/lib/money";
import { PaymentProgress } from "@/components/payments/payment-progress";
import { useRazorpayPayment, type Payer, type PayableOrder } from "@/components/payments/use-razorpay-payment";
import { buttonStyles } from "@/components/ui/styles";

interface Props {
  order: PayableOrder;
  payer: Payer;
  shopName: string;
  checkoutScriptUrl: string;
}

/** Pays a pending order from its own page (the shopper closed the popup or left checkout) against the same Razorpay order. */
export function CompletePayment({ order, payer, shopName, checkoutScriptUrl }: Props) {
  const payment = useRazorpayPayment({ shopName, checkoutScriptUrl });
  return (
    <div className="space-y-3">
      {payment.state.phase === "idle" ? (
        <button type="button" onClick={() => payment.pay(order, payer)} className={`${buttonStyles.primary} w-full py-3 sm:w-auto sm:px-10`}>
          Pay {formatMoney({ amount: order.amount, currency: order.currency })}
        </button>
      ) : (
        <PaymentProgress state={payment.state} onRetry={payment.retry} />
      )}
      <p className="text-xs text-stone-600">Already paid? Please wait a moment: this page updates by itself once Razorpay confirms it.</p>
    </div>
  );
}
