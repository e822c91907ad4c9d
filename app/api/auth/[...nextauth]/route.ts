import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { route } from "@/lib/http";
import { limitSignIn } from "@/lib/ratelimit/sign-in";

type Context = { params: Promise<{ nextauth?: string[] }> };

async function formOrJson(request: Request): Promise<Record<string, unknown> | undefined> {
  if (request.method !== "POST") return undefined;
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      // next-auth reads form fields, which are strings; any other JSON value (a number callbackUrl) threw inside it.
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === "string")) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** As the `cookie` package does: a value that is not valid percent-encoding is kept as sent, never a thrown URIError (a 500). */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function cookiesOf(request: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies[part.slice(0, index).trim()] ??= decodeCookieValue(part.slice(index + 1).trim());
  }
  // next-auth answers 500 (INVALID_CALLBACK_URL_ERROR) to a callback-url cookie that is not an http(s) URL or a path;
  // the cookie is the client's own, so a bad one is dropped and next-auth uses its default.
  for (const name of Object.keys(cookies).filter((cookie) => cookie.endsWith("next-auth.callback-url"))) {
    const value = cookies[name];
    if (!value.startsWith("/") && !(URL.canParse(value) && /^https?:$/.test(new URL(value).protocol))) delete cookies[name];
  }
  return cookies;
}

/**
 * next-auth's endpoints (/api/auth/csrf, /signin/email, /callback/credentials, /session, ...),
 * served through its documented `NextAuth(req, res, options)` form. Its App Router form reads
 * cookies through next/headers, which exists only inside Next's own server; this form reads them
 * from the request itself, so the same handler also runs under the integration tests' server.
 */
async function handler(request: NextRequest, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  return nextAuthResponse(request, nextauth, await formOrJson(request));
}

async function nextAuthResponse(request: NextRequest, nextauth: string[] | undefined, body: Record<string, unknown> | undefined): Promise<Response> {
  const headers = new Headers();
  const setCookies: string[] = [];
  let status = 200;
  let payload: string | undefined;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? [...setCookies] : (headers.get(name) ?? undefined)),
    setHeader(name: string, value: string | string[]) {
      if (name.toLowerCase() === "set-cookie") setCookies.splice(0, setCookies.length, ...(Array.isArray(value) ? value : [value]));
      else headers.set(name, Array.isArray(value) ? value.join(", ") : String(value));
      return res;
    },
    end() {},
    json(value: unknown) {
      headers.set("content-type", "application/json");
      payload = JSON.stringify(value);
    },
    send(value: unknown) {
      payload = typeof value === "string" ? value : JSON.stringify(value);
    },
  };
  const req = {
    method: request.method,
    query: { ...Object.fromEntries(request.nextUrl.searchParams), nextauth },
    body,
    cookies: cookiesOf(request),
    headers: Object.fromEntries(request.headers),
  };
  // The pages-router types describe exactly the members used above; next-auth reads nothing else.
  await NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, authOptions());
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  return new Response(status === 302 ? null : payload, { status, headers });
}

/** Reads need no guard; route() gives them the request id and the error mapping every route has. */
export const GET = route(handler);

/** Posts (sign-in, magic links, sign-out) come only from our own pages, and sign-in attempts are rate limited. */
export const POST = route(
  async (request: NextRequest, context: Context) => {
    const { nextauth } = await context.params;
    const body = await formOrJson(request);
    await limitSignIn(nextauth, body, request);
    return nextAuthResponse(request, nextauth, body);
  },
  { sameOrigin: "allow-forms" },
);
