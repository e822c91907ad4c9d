// HTTP plumbing: bodies, JSON answers, Basic auth and CORS. No Razorpay rules live here.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, badRequest } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, { error: { code: "BAD_REQUEST_ERROR", description: "Request body too large" } });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body must be JSON (Content-Type: application/json).");
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

export function sendScript(response: ServerResponse, script: string): void {
  response.writeHead(200, {
    "Content-Type": "application/javascript; charset=utf-8",
    "Content-Length": Buffer.byteLength(script),
    // The script embeds the origin it was requested through, so it must not be cached across hosts.
    "Cache-Control": "no-store",
  });
  response.end(script);
}

/** Razorpay accepts only the exact scheme word `Basic`. */
export function hasBasicCredentials(request: IncomingMessage, keyId: string, keySecret: string): boolean {
  const header = request.headers.authorization;
  if (!header?.startsWith("Basic ")) return false;
  const decoded = Buffer.from(header.slice("Basic ".length).trim(), "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  return separator >= 0 && decoded.slice(0, separator) === keyId && decoded.slice(separator + 1) === keySecret;
}

/** Public checkout endpoints are called from the merchant's page, which lives on another origin. */
export function allowCrossOrigin(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("Access-Control-Allow-Origin", request.headers.origin ?? "*");
  response.setHeader("Vary", "Origin");
}

export function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  allowCrossOrigin(request, response);
  response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  response.setHeader("Access-Control-Allow-Headers", request.headers["access-control-request-headers"] ?? "Content-Type");
  response.setHeader("Access-Control-Max-Age", "600");
  // Chromium's Private Network Access asks before a public page may call a loopback server.
  if (request.headers["access-control-request-private-network"] === "true") {
    response.setHeader("Access-Control-Allow-Private-Network", "true");
  }
  response.writeHead(204);
  response.end();
}

/** The origin the browser used to reach us, so the checkout script calls back the same way. */
export function requestOrigin(request: IncomingMessage, fallback: string): string {
  const host = request.headers.host;
  return host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? `http://${host}` : fallback;
}
