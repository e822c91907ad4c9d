import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/orders/format";
import { cardStyles } from "@/components/ui/styles";
import { requireAdmin } from "@/lib/auth/guards";
import { EMAIL_KIND_LABELS, EMAIL_STATUSES, isDevMailViewer, listEmails, maskAddress } from "@/lib/email/admin";
import type { EmailStatus } from "@/lib/generated/prisma/client";
import { recentDevMail } from "@/lib/email/send";
import { DevMailViewerNotice, EmailStatusBadge } from "./parts";

export const metadata: Metadata = { title: "Emails", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function emailsHref(status: EmailStatus | undefined, page = 1): string {
  const query = new URLSearchParams();
  if (status) query.set("status", status);
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return `/admin/emails${search ? `?${search}` : ""}`;
}

/** The outbox: every email the shop has decided to send, newest first, filterable by status. */
export default async function EmailsPage({ searchParams }: Props) {
  await requireAdmin();
  const params = await searchParams;
  const status = EMAIL_STATUSES.find((candidate) => candidate === params.status);
  const page = Math.max(1, Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1);
  const list = await listEmails({ status, page });
  const dev = isDevMailViewer();
  const otherDevMail = dev ? recentDevMail() : [];
  const all = list.counts.pending + list.counts.sent + list.counts.failed;
  const filters: { label: string; status: EmailStatus | undefined; count: number }[] = [
    { label: "All", status: undefined, count: all },
    { label: "Pending", status: "pending", count: list.counts.pending },
    { label: "Sent", status: "sent", count: list.counts.sent },
    { label: "Failed", status: "failed", count: list.counts.failed },
  ];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="font-display text-3xl font-semibold">Emails</h1>
        <p className="mt-1 text-sm text-stone-600">Order confirmations, refund notices and payments being refunded, as the shop sends them. Failed emails can be sent again from their page.</p>
      </div>
      {dev && <DevMailViewerNotice />}

      <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
        {filters.map((filter) => (
          <Link
            key={filter.label}
            href={emailsHref(filter.status)}
            aria-current={filter.status === status ? "page" : undefined}
            className="rounded-full border border-stone-300 px-3 py-1 text-sm text-stone-700 hover:bg-stone-50 aria-[current=page]:border-stone-900 aria-[current=page]:bg-stone-900 aria-[current=page]:text-white"
          >
            {filter.label} <span className="tabular-nums">({filter.count})</span>
          </Link>
        ))}
      </nav>

      <div className={`${cardStyles} overflow-x-auto`}>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th className="px-4 py-3 font-medium">Created</th>
              <th className="px-4 py-3 font-medium">Order</th>
              <th className="px-4 py-3 font-medium">Kind</th>
              <th className="px-4 py-3 font-medium">To</th>
              <th className="px-4 py-3 font-medium">Subject and Message-ID</th>
              <th className="px-4 py-3 font-medium">Status</th>
              <th className="px-4 py-3 text-right font-medium">Attempts</th>
              <th className="px-4 py-3 font-medium">Last error</th>
              <th className="px-4 py-3 font-medium">Sent</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {list.emails.length === 0 && (
              <tr>
                <td colSpan={9} className="px-4 py-8 text-center text-stone-500">
                  No emails{status ? ` ${status}` : ""} yet.
                </td>
              </tr>
            )}
            {list.emails.map((email) => (
              <tr key={email.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-3 text-stone-600">{formatDateTime(email.createdAt)}</td>
                <td className="px-4 py-3">
                  <Link href={`/admin/orders/${email.orderId}`} className="font-medium underline-offset-4 hover:underline">
                    #{email.order.number}
                  </Link>
                </td>
                <td className="whitespace-nowrap px-4 py-3">{EMAIL_KIND_LABELS[email.kind]}</td>
                <td className="px-4 py-3 text-stone-700">{maskAddress(email.toAddress)}</td>
                <td className="min-w-64 px-4 py-3">
                  <Link href={`/admin/emails/${email.id}`} className="text-brand-800 underline-offset-4 hover:underline">
                    {email.subject}
                  </Link>
                  <p className="mt-1 font-mono text-xs break-all text-stone-500">{email.messageId}</p>
                </td>
                <td className="px-4 py-3">
                  <EmailStatusBadge status={email.status} />
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{email.attempts}</td>
                <td className="max-w-64 px-4 py-3 text-red-800">{email.lastError}</td>
                <td className="whitespace-nowrap px-4 py-3 text-stone-600">{email.sentAt ? `${formatDateTime(email.sentAt)}${email.transport === "dev" ? " (dev)" : ""}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {list.pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {list.page > 1 ? <Link href={emailsHref(status, list.page - 1)}>← Newer</Link> : <span />}
          <span className="text-stone-600">
            Page {list.page} of {list.pages} ({list.total} emails)
          </span>
          {list.page < list.pages ? <Link href={emailsHref(status, list.page + 1)}>Older →</Link> : <span />}
        </nav>
      )}

      {dev && (
        <section aria-labelledby="other-dev-mail" className="space-y-3">
          <h2 id="other-dev-mail" className="font-semibold">
            Other emails from this server (sign-in links)
          </h2>
          {otherDevMail.length === 0 ? (
            <p className="text-sm text-stone-600">None since the server started. They are kept in memory, the last 50 only.</p>
          ) : (
            <ul className="space-y-2">
              {otherDevMail.map((mail, index) => (
                <li key={`${mail.sentAt.getTime()}-${index}`} className={`${cardStyles} p-4 text-sm`}>
                  <details>
                    <summary className="cursor-pointer">
                      <span className="text-stone-500">{formatDateTime(mail.sentAt)}</span> · {mail.to} · <span className="font-medium">{mail.subject}</span>
                    </summary>
                    <pre className="mt-3 whitespace-pre-wrap">{mail.text}</pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
