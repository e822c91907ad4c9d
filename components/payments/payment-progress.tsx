import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { buttonStyles } from "@/components/ui/styles";
import type { PaymentState } from "./use-razorpay-payment";

const progress: Partial<Record<PaymentState["phase"], string>> = {
  opening: "Opening the secure payment window…",
  open: "Complete the payment in the Razorpay window.",
  verifying: "Confirming your payment…",
  redirecting: "Payment received. Taking you to your order…",
};

/** Where a payment stands once its order exists, with a retry that reopens the same Razorpay order. */
export function PaymentProgress({ state, onRetry }: { state: PaymentState; onRetry: () => void }) {
  if (state.phase === "problem") {
    return (
      // Focus was in Razorpay's popup, which is gone: it lands on what went wrong, then Tab reaches "Try again".
      <ErrorNotice title={state.title} takeFocus>
        <p>{state.message}</p>
        <button type="button" onClick={onRetry} className={`${buttonStyles.primary} mt-3`}>
          Try again
        </button>
      </ErrorNotice>
    );
  }
  const message = progress[state.phase];
  if (!message) return null;
  return (
    <p role="status" className="flex items-center gap-2 rounded-xl border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900">
      <Spinner />
      {message}
    </p>
  );
}
