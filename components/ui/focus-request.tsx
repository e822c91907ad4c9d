"use client";

import { useEffect } from "react";

/**
 * Focus for an element that only exists after router.refresh() has re-rendered the page (the
 * empty-cart heading after the last line is removed). The code that caused the change names the
 * element; <FocusRequest /> on the re-rendered page moves focus there, once.
 */
let pending: string | null = null;

export function requestFocus(elementId: string): void {
  pending = elementId;
}

export function FocusRequest() {
  useEffect(() => {
    if (!pending) return;
    const target = document.getElementById(pending);
    if (!target) return;
    pending = null;
    target.focus();
  });
  return null;
}
