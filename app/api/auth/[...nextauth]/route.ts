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
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function cookiesOf(request: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies[part.slice(0, index).trim()] ??= decodeURIComponent(part.slice(index + 1).trim());
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

export { handler as GET };

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
