import type { ReactNode } from "react";

/** A boxed error. An alert, so screen readers announce it the moment it appears. */
export function ErrorNotice({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      {title && <p className="mb-1 font-semibold">{title}</p>}
      {children}
    </div>
  );
}
