import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/orders/format";
import { cardStyles } from "@/components/ui/styles";
import { requireAdmin } from "@/lib/auth/guards";
import { EMAIL_KIND_LABELS, findEmail, isDevMailViewer, maskOrderTokens, type ListedEmail } from "@/lib/email/admin";
import { AppError } from "@/lib/errors";
import { DevMailViewerNotice, EmailStatusBadge } from "../parts";
import { ResendButton } from "./resend-button";

export const metadata: Metadata = { title: "Email", robots: { index: false, follow: false } };

type Props = { params: Promise<{ id: string }> };

async function emailOr404(id: string): Promise<ListedEmail> {
  try {
    return await findEmail(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/**
 * One outbox email as the shopper receives it. With a real mail server its order link is shown
 * masked (it is the shopper's bearer secret); in the development mail viewer it is shown whole.
 */
export default async function EmailPage({ params }: Props) {
  await requireAdmin();
  const email = await emailOr404((await params).id);
  const dev = isDevMailViewer();
  const show = (body: string) => (dev ? body : maskOrderTokens(body));
  const facts: [string, ReactNode][] = [
    ["Status", <EmailStatusBadge key="status" status={email.status} />],
    ["Order", <Link key="order" href={`/admin/orders/${email.orderId}`} className="underline-offset-4 hover:underline">#{email.order.number}</Link>],
    ["Kind", EMAIL_KIND_LABELS[email.kind]],
    ["To", email.toAddress],
    ["Message-ID", <span key="mid" className="font-mono text-xs break-all">{email.messageId}</span>],
    ["Attempts", `${email.attempts}${email.resends ? ` (resent ${email.resends} ${email.resends === 1 ? "time" : "times"})` : ""}`],
    ["Created", formatDateTime(email.createdAt)],
    ["Sent", email.sentAt ? `${formatDateTime(email.sentAt)} via ${email.transport === "dev" ? "the development mail viewer" : "SMTP"}` : email.status === "pending" ? `next attempt ${formatDateTime(email.nextAttemptAt)}` : "not sent"],
    ...(email.lastError ? ([["Last error", <span key="error" className="text-red-800">{email.lastError}</span>]] as [string, ReactNode][]) : []),
  ];

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/emails" className="text-stone-600 underline-offset-4 hover:underline">
          ← Emails
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="font-display text-2xl font-semibold">{email.subject}</h1>
        <ResendButton emailId={email.id} />
      </div>
      {dev && <DevMailViewerNotice />}

      <dl className={`${cardStyles} grid gap-x-6 gap-y-2 p-5 text-sm sm:grid-cols-[10rem_1fr]`}>
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-stone-500">{label}</dt>
            <dd className="text-stone-900">{value}</dd>
          </div>
        ))}
      </dl>

      <section className="space-y-2">
        <h2 className="font-semibold">Text</h2>
        <pre className={`${cardStyles} overflow-x-auto p-5 text-sm whitespace-pre-wrap`}>{show(email.textBody)}</pre>
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">HTML</h2>
        {/* sandbox="": the email's HTML renders without scripts, forms or access to the admin's session. */}
        <iframe title="The email as HTML" sandbox="" srcDoc={show(email.htmlBody)} className={`${cardStyles} h-[32rem] w-full`} />
      </section>
    </div>
  );
}
