import type { Metadata } from "next";
import { Dashboard } from "@/components/admin/dashboard/dashboard";
import { PeriodPicker, periodInputs } from "@/components/admin/dashboard/period-picker";
import { ErrorNotice } from "@/components/ui/error-notice";
import { dashboardMetrics, parsePeriod, type Period } from "@/lib/admin/metrics";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Dashboard", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export default async function AdminDashboardPage({ searchParams }: Props) {
  await requireAdmin();
  const query = await searchParams;
  const now = new Date();
  const typed = { from: single(query.from), to: single(query.to) };
  let period: Period;
  try {
    period = parsePeriod(typed, now);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "invalid_request") throw error;
    const field = error.field;
    return (
      <div className="space-y-4">
        <h1 className="font-display text-3xl font-semibold">Dashboard</h1>
        <PeriodPicker from={null} to={null} now={now} inputs={periodInputs(null, typed)} error={{ field }} />
        <ErrorNotice title="That period cannot be shown">
          <p id="period-error">{field ? error.fields?.[field] : error.message}. Pick dates again, or a preset.</p>
        </ErrorNotice>
      </div>
    );
  }
  const metrics = await dashboardMetrics(period, now);
  return (
    <div className="space-y-4 pb-10">
      <h1 className="font-display text-3xl font-semibold">Dashboard</h1>
      <PeriodPicker from={period.from} to={period.to} now={now} inputs={periodInputs(period, typed)} />
      <Dashboard metrics={metrics} />
    </div>
  );
}
