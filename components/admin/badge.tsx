import type { Tone } from "@/lib/admin/timeline";
import { TONE_STYLES } from "./labels";

export function Badge({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${TONE_STYLES[tone]}`}>{children}</span>;
}
