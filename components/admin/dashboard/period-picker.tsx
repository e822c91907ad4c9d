import Link from "next/link";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { istDate } from "./format";

const DAY = 86_400_000;
const PRESETS = [
  { label: "24 hours", days: 1 },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "12 months", days: 365 },
] as const;

/**
 * A plain GET form (works without JavaScript): dates are whole IST days, `to` included. Presets
 * end now; "7 days" is the default, so it links to the bare page.
 */
/** What the date inputs show: the period's IST dates, or what was typed when it was refused. */
export function periodInputs(period: { from: Date; to: Date } | null, typed: { from: string | null; to: string | null }) {
  if (period) return { from: istDate(period.from), to: istDate(new Date(period.to.getTime() - 1)) };
  const asDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "");
  return { from: asDate(typed.from), to: asDate(typed.to) };
}

export function PeriodPicker({ from, to, now, inputs, error }: { from: Date | null; to: Date | null; now: Date; inputs: { from: string; to: string }; error?: { field?: string } }) {
  const presetHref = (days: number) => (days === 7 ? "/admin" : `/admin?${new URLSearchParams({ from: new Date(now.getTime() - days * DAY).toISOString(), to: now.toISOString() })}`);
  const span = from && to ? Math.round((to.getTime() - from.getTime()) / DAY) : null;
  const current = from && to && Math.abs(to.getTime() - now.getTime()) < 60_000 ? PRESETS.find((preset) => preset.days === span) : undefined;
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
      <nav aria-label="Period presets" className="flex flex-wrap gap-1.5">
        {PRESETS.map((preset) => (
          <Link
            key={preset.days}
            href={presetHref(preset.days)}
            aria-current={current === preset ? "page" : undefined}
            className="rounded-full border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-700 hover:border-stone-400 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
          >
            {preset.label}
          </Link>
        ))}
      </nav>
      <form method="get" action="/admin" className="flex flex-wrap items-end gap-2" noValidate>
        <label className="text-xs font-medium text-stone-600">
          From
          <input type="date" name="from" defaultValue={inputs.from} aria-invalid={error?.field === "from" || undefined} aria-describedby={error ? "period-error" : undefined} className={`${inputStyles} mt-1 w-40`} />
        </label>
        <label className="text-xs font-medium text-stone-600">
          To (included)
          <input type="date" name="to" defaultValue={inputs.to} aria-invalid={error?.field === "to" || undefined} aria-describedby={error ? "period-error" : undefined} className={`${inputStyles} mt-1 w-40`} />
        </label>
        <button type="submit" className={buttonStyles.secondary}>
          Show
        </button>
      </form>
    </div>
  );
}
