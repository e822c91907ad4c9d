import type { EmailStatus } from "@/lib/generated/prisma/client";

const BADGE: Record<EmailStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  sent: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
};

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${BADGE[status]}`}>{status}</span>;
}

/** Says why nothing reaches an inbox while SMTP_URL is unset, and that this page stands in for one. */
export function DevMailViewerNotice() {
  return (
    <div role="note" className="rounded-xl border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
      <p className="font-semibold">Development mail viewer</p>
      <p>
        No SMTP server is configured (<code>SMTP_URL</code>), so no email leaves this machine. Every email the shop sends is marked sent here
        instead, and shown in full, links included. Set <code>SMTP_URL</code>, <code>MAIL_FROM</code> and <code>SHOP_URL</code> to send real email.
      </p>
    </div>
  );
}
