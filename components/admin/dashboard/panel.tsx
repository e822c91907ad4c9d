import type { ReactNode } from "react";
import { cardStyles } from "@/components/ui/styles";

/** A titled card; its heading names the section for screen readers too. */
export function Panel({ id, title, description, children, className = "" }: { id: string; title: string; description?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={`${cardStyles} min-w-0 p-4 sm:p-5 ${className}`}>
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title}
      </h2>
      {description && <p className="mt-1 text-xs leading-relaxed text-stone-500">{description}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** One figure with its label and, underneath, what it counts. */
export function Stat({ label, value, detail, tone = "neutral" }: { label: string; value: ReactNode; detail?: ReactNode; tone?: "neutral" | "good" | "warn" | "bad" }) {
  const toneStyle = { neutral: "text-stone-900", good: "text-brand-800", warn: "text-amber-800", bad: "text-red-800" }[tone];
  return (
    <div className={`${cardStyles} min-w-0 p-4`}>
      <dt className="text-xs font-medium tracking-wide text-stone-500 uppercase">{label}</dt>
      <dd className={`mt-1 text-xl font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-2xl ${toneStyle}`}>{value}</dd>
      {detail && <dd className="mt-1 text-xs leading-relaxed text-stone-500">{detail}</dd>}
    </div>
  );
}

/** Rows of label and value, for small breakdowns. */
export function Breakdown({ rows }: { rows: { label: ReactNode; value: ReactNode; emphasis?: boolean }[] }) {
  return (
    <dl className="divide-y divide-stone-100 text-sm">
      {rows.map((row, index) => (
        <div key={index} className="flex items-baseline justify-between gap-4 py-1.5">
          <dt className="text-stone-600">{row.label}</dt>
          <dd className={`shrink-0 text-right whitespace-nowrap tabular-nums ${row.emphasis ? "font-semibold text-stone-900" : "text-stone-800"}`}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
