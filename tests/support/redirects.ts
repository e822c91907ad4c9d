/**
 * Where a response sends the browser. proxy.ts answers with a real HTTP redirect. A redirect a
 * page decides itself (a revoked admin session, a shopper on an admin page) comes after Cache
 * Components has started streaming the page, so Next sends a 200 whose shell carries none of the
 * page's content and whose streamed payload tells the browser to go elsewhere (NEXT_REDIRECT).
 * Null when the response does not redirect.
 */
export async function redirectTarget(response: Response, base: string): Promise<{ url: URL; body: string } | null> {
  const body = await response.text();
  if ([301, 302, 303, 307, 308].includes(response.status)) return { url: new URL(response.headers.get("location")!, base), body };
  if (response.status !== 200) return null;
  const streamed = body.match(/NEXT_REDIRECT;(?:replace|push);([^;]+);30[78];/)?.[1];
  return streamed ? { url: new URL(streamed.replaceAll("\\u0026", "&").replaceAll("&amp;", "&"), base), body } : null;
}

/** A not-found answer: a 404, or with Cache Components a 200 whose streamed payload is the not-found page. */
export function isNotFound(status: number, body: string): boolean {
  return status === 404 || (status === 200 && body.includes("NEXT_HTTP_ERROR_FALLBACK;404"));
}
