"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A boxed error. An alert, so screen readers announce it the moment it appears. With `takeFocus`
 * it also receives focus when it appears, for errors that follow the loss of focus (a closed popup).
 */
export function ErrorNotice({ title, takeFocus = false, children }: { title?: string; takeFocus?: boolean; children: ReactNode }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) notice.current?.focus();
  }, [takeFocus, title]);
  return (
    <div ref={notice} role="alert" tabIndex={takeFocus ? -1 : undefined} className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      {title && <p className="mb-1 font-semibold">{title}</p>}
      {children}
    </div>
  );
}
