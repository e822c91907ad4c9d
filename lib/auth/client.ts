/**
 * The browser's side of next-auth's endpoints, what next-auth/react's signIn/signOut do: fetch a
 * CSRF token (which also sets its cookie), then post the form with `json=true`, so next-auth
 * answers with the URL it would redirect to instead of redirecting. Imports nothing server-side.
 */
/** `message`: the shop's own refusal (too many attempts, a cross-site request), to show as it is. */
export async function postToNextAuth(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string; error: string | null; message?: string }> {
  const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  const response = await fetch(`/api/auth/${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ ...fields, csrfToken: csrf.csrfToken, json: "true" }),
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
  if (typeof body.error?.message === "string") return { ok: false, url: "", error: "Refused", message: body.error.message };
  const url = body.url ?? "";
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : "Unreachable";
  return { ok: response.ok && !error, url, error };
}
