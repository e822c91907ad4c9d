/**
 * Recognises "the database is not there" among the shapes an outage takes on its way up: Prisma's
 * own codes, the pg driver adapter's error kinds, PostgreSQL's connection SQLSTATEs, Node's socket
 * errors and pg's bare messages ("Connection terminated unexpectedly" carries no code at all).
 * Kept free of imports so lib/http.ts can map it without loading the Prisma client.
 */
const PRISMA_CODES = new Set([
  "P1001", // can't reach database server
  "P1002", // server reached but timed out
  "P1008", // operation timed out
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// 57P01-03: admin shutdown, crash shutdown, cannot connect now (starting up / shutting down); 53300: too many connections.
const PG_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
const MESSAGES =
  /Can't reach database server|Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|Server has closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Timed out fetching a new connection from the connection pool|Client has encountered a connection error/i;

function fieldOf(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 20) {
    const current = pending.pop();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const code = fieldOf(current, "code") ?? fieldOf(current, "errorCode") ?? fieldOf(current, "originalCode");
    if (typeof code === "string" && (PRISMA_CODES.has(code) || PG_CODES.has(code) || SOCKET_CODES.has(code) || code.startsWith("08"))) return true;
    const kind = fieldOf(current, "kind");
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    const message = fieldOf(current, "message");
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    const meta = fieldOf(current, "meta");
    pending.push(fieldOf(current, "cause"), meta, meta && typeof meta === "object" ? fieldOf(meta, "driverAdapterError") : undefined);
    const errors = fieldOf(current, "errors");
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return false;
}
