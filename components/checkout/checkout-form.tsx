"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { CheckoutResponse } from "@/lib/orders/checkout";
import { formatMoney, type Money } from "@/lib/money";
import { ApiError, sendJson } from "@/components/api";
import { PaymentProgress } from "@/components/payments/payment-progress";
import { useRazorpayPayment, type PaymentState } from "@/components/payments/use-razorpay-payment";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { buttonStyles } from "@/components/ui/styles";
import { FieldFrame, TextField } from "./field";
import type { CountryOption } from "@/lib/orders/countries";
import type { CheckoutDefaults } from "@/lib/cart/cart";
import { StateField } from "./state-field";

interface Props {
  shopName: string;
  checkoutScriptUrl: string;
  total: Money;
  countries: CountryOption[];
  /** "India", "India and Nepal": where the shop delivers, said next to the country field. */
  deliversTo: string;
  holdMinutes: number;
  /** The cart's Idempotency-Key, kept on the server: a reload or a second tab resumes the same order. */
  checkoutKey: string;
  /** The details of the cart's unpaid order, if there is one. */
  defaults: CheckoutDefaults | null;
  /** Why the cart cannot be paid for as it is (a sold-out line), from lib/cart/checkout-readiness. */
  blocker: string | null;
}

/** Input names are the dotted paths the checkout API reports field errors under. */
const FIELDS = [
  "customer.name",
  "customer.email",
  "customer.phone",
  "shippingAddress.line1",
  "shippingAddress.line2",
  "shippingAddress.city",
  "shippingAddress.state",
  "shippingAddress.postalCode",
  "shippingAddress.country",
] as const;

type FieldName = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<FieldName, string>>;

function isFieldName(name: string): name is FieldName {
  return (FIELDS as readonly string[]).includes(name);
}

function checkoutBody(form: FormData) {
  const value = (name: FieldName) => String(form.get(name) ?? "");
  return {
    customer: { name: value("customer.name"), email: value("customer.email"), phone: value("customer.phone") },
    shippingAddress: {
      line1: value("shippingAddress.line1"),
      line2: value("shippingAddress.line2") || undefined,
      city: value("shippingAddress.city"),
      state: value("shippingAddress.state"),
      postalCode: value("shippingAddress.postalCode"),
      country: value("shippingAddress.country"),
    },
  };
}

/** What to say about a failed order request, and whether the cart needs another look. */
function describe(error: ApiError, fieldErrors: FieldErrors): { message: string; reviewCart: boolean } {
  if (error.code === "invalid_request" && Object.keys(fieldErrors).length > 0) return { message: "Please correct the highlighted fields.", reviewCart: false };
  if (error.code === "idempotency_key_in_use") return { message: "Your order is still being placed. Please wait a moment, then try again.", reviewCart: false };
  if (error.code === "idempotency_key_reused") return { message: "Your checkout changed since this page was opened (your cart, or an order that ran out of time). Check your order summary, then press Pay again.", reviewCart: false };
  return { message: error.message, reviewCart: error.code === "out_of_stock" || error.code === "cart_empty" };
}

/** While the popup is up or a payment is being confirmed, the details it was opened with stay as they are. */
const PAYING: readonly PaymentState["phase"][] = ["opening", "open", "verifying", "redirecting"];

/**
 * The checkout form and the payment that follows it. State held here: field errors and the order
 * once created. Every submission of this cart's checkout carries the cart's one Idempotency-Key
 * (from the server): the first places the order, later ones (after a dismissed popup, a reload,
 * corrected details) resume that same order, with its contact details and address updated.
 */
export function CheckoutForm({ shopName, checkoutScriptUrl, total, countries, deliversTo, holdMinutes, checkoutKey, defaults, blocker }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [country, setCountry] = useState(defaults?.shippingAddress.country ?? countries[0]?.code ?? "IN");
  const [submitting, setSubmitting] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ message: string; reviewCart: boolean } | null>(null);
  const [order, setOrder] = useState<CheckoutResponse | null>(null);
  const payment = useRazorpayPayment({ shopName, checkoutScriptUrl });

  // Set when the server rejects fields, so that the first of them gets focus once it has rendered.
  const focusFirstError = useRef(false);
  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  async function placeOrder(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button is only aria-disabled while an order is being placed, so it keeps keyboard focus.
    if (submitting || blocker) return;
    const body = checkoutBody(new FormData(event.currentTarget));
    setSubmitting(true);
    setFormError(null);
    try {
      const created = await sendJson<CheckoutResponse>("/api/checkout", { method: "POST", body, headers: { "Idempotency-Key": checkoutKey } });
      setFieldErrors({});
      setOrder(created);
      void payment.pay(created, { name: body.customer.name, email: body.customer.email, phone: body.customer.phone });
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(0, "network_error", "Something went wrong. Please try again.");
      // The cart changed elsewhere (another tab): the server has a new key and summary for it.
      if (failure.code === "idempotency_key_reused") router.refresh();
      const errors: FieldErrors = {};
      for (const [path, message] of Object.entries(failure.fields)) if (isFieldName(path)) errors[path] = message;
      focusFirstError.current = Object.keys(errors).length > 0;
      setFieldErrors(errors);
      setFormError(describe(failure, errors));
    } finally {
      setSubmitting(false);
    }
  }

  function clearFieldError(event: FormEvent<HTMLFormElement>) {
    const { name } = event.target as HTMLInputElement;
    if (!isFieldName(name) || !fieldErrors[name]) return;
    setFieldErrors((errors) => {
      const remaining = { ...errors };
      delete remaining[name];
      return remaining;
    });
  }

  const sectionHeading = "text-lg font-semibold text-stone-900";
  return (
    <form ref={formRef} noValidate onSubmit={placeOrder} onChange={clearFieldError} className="space-y-8">
      <fieldset disabled={submitting || PAYING.includes(payment.state.phase)} className="space-y-8">
        <section aria-labelledby="contact-heading" className="space-y-4">
          <h2 id="contact-heading" className={sectionHeading}>
            Contact
          </h2>
          <TextField name="customer.name" defaultValue={defaults?.customer.name} label="Full name" autoComplete="name" aria-required="true" error={fieldErrors["customer.name"]} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="customer.email" defaultValue={defaults?.customer.email} label="Email" type="email" autoComplete="email" inputMode="email" aria-required="true" error={fieldErrors["customer.email"]} />
            <TextField name="customer.phone" defaultValue={defaults?.customer.phone} label="Phone" type="tel" autoComplete="tel" inputMode="tel" aria-required="true" hint={country === "IN" ? "Indian mobile number for delivery updates, e.g. +91 98765 43210" : "With your country code, e.g. +44 20 7946 0958"} error={fieldErrors["customer.phone"]} />
          </div>
        </section>

        <section aria-labelledby="shipping-heading" className="space-y-4">
          <h2 id="shipping-heading" className={sectionHeading}>
            Shipping address
          </h2>
          <TextField name="shippingAddress.line1" defaultValue={defaults?.shippingAddress.line1} label="Address line 1" autoComplete="address-line1" aria-required="true" hint="House number, building, street" error={fieldErrors["shippingAddress.line1"]} />
          <TextField name="shippingAddress.line2" defaultValue={defaults?.shippingAddress.line2} label="Address line 2 (optional)" autoComplete="address-line2" hint="Area, landmark" error={fieldErrors["shippingAddress.line2"]} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="shippingAddress.city" defaultValue={defaults?.shippingAddress.city} label="City" autoComplete="address-level2" aria-required="true" error={fieldErrors["shippingAddress.city"]} />
            <StateField country={country} defaultValue={defaults?.shippingAddress.state} error={fieldErrors["shippingAddress.state"]} />
            <TextField
              name="shippingAddress.postalCode"
              defaultValue={defaults?.shippingAddress.postalCode}
              label="PIN code"
              autoComplete="postal-code"
              inputMode={country === "IN" ? "numeric" : "text"}
              maxLength={12}
              aria-required="true"
              error={fieldErrors["shippingAddress.postalCode"]}
            />
            <FieldFrame name="shippingAddress.country" label="Country" hint={`We deliver only to ${deliversTo}.`} error={fieldErrors["shippingAddress.country"]}>
              {(control) => (
                <select name="shippingAddress.country" value={country} onChange={(event) => setCountry(event.target.value)} autoComplete="country" {...control}>
                  {countries.map(({ code, name }) => (
                    <option key={code} value={code}>
                      {name}
                    </option>
                  ))}
                </select>
              )}
            </FieldFrame>
          </div>
        </section>
      </fieldset>

      <div className="space-y-4 border-t border-stone-200 pt-6">
        {formError && (
          <ErrorNotice>
            {formError.message}
            {formError.reviewCart && (
              <>
                {" "}
                <Link href="/cart" className="font-semibold underline underline-offset-4">
                  Review your cart
                </Link>
              </>
            )}
          </ErrorNotice>
        )}
        {order ? (
          <>
            <p className="text-sm text-stone-600">
              Order <span className="font-semibold text-stone-900">#{order.orderNumber}</span> for{" "}
              <span className="font-semibold text-stone-900">{formatMoney({ amount: order.amount, currency: order.currency })}</span> is placed and your items are held for{" "}
              {holdMinutes} minutes while you pay.{" "}
              <Link href={order.orderUrl} className="font-medium text-brand-800 underline underline-offset-4">
                View order
              </Link>
            </p>
            <PaymentProgress state={payment.state} onRetry={() => formRef.current?.requestSubmit()} />
          </>
        ) : null}
        {blocker && (
          <p id="checkout-blocked" className="text-sm font-medium text-amber-800">
            {blocker}{" "}
            <Link href="/cart" className="font-semibold underline underline-offset-4">
              Review your cart
            </Link>
          </p>
        )}
        {(order === null || payment.state.phase === "idle") && (
          <button
            type="submit"
            disabled={blocker !== null}
            aria-disabled={submitting}
            aria-busy={submitting}
            aria-describedby={blocker ? "checkout-blocked" : undefined}
            className={`${buttonStyles.primary} w-full py-3.5 text-base`}
          >
            {submitting ? (
              <>
                <Spinner />
                Processing…
              </>
            ) : (
              `Pay ${formatMoney(total)}`
            )}
          </button>
        )}
        <p className="flex items-center justify-center gap-1.5 text-center text-xs text-stone-500">
          <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor" aria-hidden="true">
            <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
          </svg>
          Payments are processed securely by Razorpay. We never see your card details.
        </p>
      </div>
    </form>
  );
}
