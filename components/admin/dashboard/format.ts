import { formatMoney, money } from "@/lib/money";

/** Display helpers for the dashboard; the figures themselves come computed from lib/admin/metrics.ts. */
export const rupees = (paise: number) => formatMoney(money(paise));

const count = new Intl.NumberFormat("en-IN");
export const formatCount = (value: number) => count.format(value);

/** "46.7%"; a rate with nothing behind it reads as a dash, not as 0%. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

/** "850 ms", "12.5 s", "3 min 5 s", "2 h 4 min". */
export function formatDuration(milliseconds: number | null): string {
  if (milliseconds === null) return "—";
  if (milliseconds < 1_000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1_000;
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return Math.floor(seconds % 60) === 0 ? `${minutes} min` : `${minutes} min ${Math.floor(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

const dayLabel = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", timeZone: "Asia/Kolkata" });
const hourLabel = new Intl.DateTimeFormat("en-IN", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Kolkata" });
const dayAndHour = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Kolkata" });

/** A chart bucket's label: "12 Nov" for days, "14:00" for hours (with the day where it starts). */
export function bucketLabel(start: string, bucket: "hour" | "day", withDay = false): string {
  const date = new Date(start);
  if (bucket === "day") return dayLabel.format(date);
  return withDay ? dayAndHour.format(date) : hourLabel.format(date);
}

/** The date an instant falls on in IST, as YYYY-MM-DD for a date input. */
export function istDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kolkata" }).format(instant);
}

export const METHOD_LABELS = { upi: "UPI", card: "Card", netbanking: "Netbanking", wallet: "Wallet", emi: "EMI", other: "Other" } as const;
