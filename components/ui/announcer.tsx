/**
 * One polite live region for the whole page, outside anything that re-renders, so a message
 * survives the element that caused it (a removed cart line). Rendered by the root layout.
 */
const ANNOUNCER_ID = "announcer";

export function Announcer() {
  return <div id={ANNOUNCER_ID} role="status" aria-live="polite" aria-atomic="true" className="sr-only" />;
}

/** Says `message` to screen-reader users. Client code only. */
export function announce(message: string): void {
  const region = document.getElementById(ANNOUNCER_ID);
  if (!region) return;
  // Emptied first and refilled on the next frame, so the same message twice is announced twice.
  region.textContent = "";
  requestAnimationFrame(() => {
    region.textContent = message;
  });
}
