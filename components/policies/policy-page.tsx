import Link from "next/link";
import type { ReactNode } from "react";
import { POLICY_PAGES, policyTitle, type PolicyHref } from "@/lib/shop/policy-pages";

/** A policy page: its title, a one-paragraph summary, its sections, and the other policies beside it. */
export function PolicyPage({ href, summary, children }: { href: PolicyHref; summary: ReactNode; children: ReactNode }) {
  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_16rem]">
      <article className="max-w-3xl">
        <h1 className="font-display text-3xl font-semibold leading-tight sm:text-4xl">{policyTitle(href)}</h1>
        <p className="mt-4 text-lg leading-relaxed text-stone-700">{summary}</p>
        <div className="mt-8 space-y-8 leading-relaxed text-stone-700">{children}</div>
      </article>
      <nav aria-label="Policies" className="self-start rounded-2xl border border-stone-200 bg-white p-5 text-sm lg:sticky lg:top-24">
        <h2 className="text-xs font-semibold uppercase tracking-wider text-stone-900">Help and policies</h2>
        <ul className="mt-3 space-y-1">
          {POLICY_PAGES.map((page) => (
            <li key={page.href}>
              <Link
                href={page.href}
                aria-current={page.href === href ? "page" : undefined}
                className="block rounded-lg px-2 py-1.5 text-stone-700 hover:bg-stone-50 hover:text-brand-800 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-800"
              >
                {page.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

export function PolicySection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h2 className="font-display text-xl font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function PolicyList({ children }: { children: ReactNode }) {
  return <ul className="list-disc space-y-2 pl-5 marker:text-brand-600">{children}</ul>;
}

export function MailLink({ address }: { address: string }) {
  return (
    <a href={`mailto:${address}`} className="font-medium text-brand-800 underline underline-offset-4">
      {address}
    </a>
  );
}

export function PolicyLink({ href, children }: { href: PolicyHref | "/account/orders"; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-brand-800 underline underline-offset-4">
      {children}
    </Link>
  );
}

/** Who handles complaints, and the response times the Consumer Protection (E-Commerce) Rules, 2020 (rule 4(5)) set. */
export function GrievanceOfficer({ officer }: { officer: { name: string; email: string } }) {
  return (
    <>
      our grievance officer, {officer.name} (<MailLink address={officer.email} />), acknowledges every complaint within 48 hours and resolves it within one month
    </>
  );
}
