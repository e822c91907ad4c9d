import http from "node:http";
import { rateLimitConfig } from "@/lib/config";
import { cookieReaderOf, readClaims } from "@/lib/auth/session";

/** Set by the server itself from the TCP peer (installPeerAddressHeader), overwriting any copy a client sends. */
export const PEER_ADDRESS_HEADER = "x-shop-peer-address";

let installed = false;

/**
 * Route handlers do not see the TCP peer, and Next keeps a client's own `X-Forwarded-For` when
 * it fills that header in: without a proxy in front, a client could name any address. So the
 * Node server writes the peer's address into a header of ours on every request before Next
 * reads it (a client's copy is overwritten). Called from instrumentation.ts, and by the tests' server.
 */
export function installPeerAddressHeader(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "unknown";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

/**
 * The client's address: the first address of X-Forwarded-For when TRUST_PROXY_HEADERS=1 (a load
 * balancer or Vercel sets it), otherwise the TCP peer, never a header a client can forge.
 */
export function clientAddress(request: Request): string {
  if (rateLimitConfig().trustProxyHeaders) {
    const first = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (first) return first;
  }
  return request.headers.get(PEER_ADDRESS_HEADER) ?? "unknown";
}

/** Who a per-client limit counts: the signed-in user (their session is signed, so it cannot be forged), else the address. */
export async function clientIdentity(request: Request): Promise<string> {
  const claims = await readClaims(cookieReaderOf(request));
  return claims ? `user:${claims.sub}` : `address:${clientAddress(request)}`;
}
