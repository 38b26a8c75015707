/**
 * The one place that decides whether an error means "the database cannot serve us right now"
 * (restarting, unreachable, overloaded, too slow) rather than a bug. Callers answer those with
 * 503 + Retry-After; everything else stays a 500.
 */

/** Thrown when every pooled connection is busy and the wait queue is full: shed, do not queue. */
export class DatabaseBusyError extends Error {
  readonly code = "PLANPULSE_POOL_EXHAUSTED";
  constructor(waiting: number) {
    super(`The database pool is exhausted (${waiting} requests already waiting).`);
    this.name = "DatabaseBusyError";
  }
}

// SQLSTATE codes: connection exceptions (08xxx), operator intervention (57P01 admin_shutdown,
// 57P02 crash_shutdown, 57P03 cannot_connect_now), 57014 query_canceled (statement_timeout),
// 53300 too_many_connections, 55P03 lock_not_available (lock_timeout).
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57014", "53300", "55P03"]);
// Socket errors, and Node's own stream errors when a query is written to a connection that the
// restart has just destroyed (more likely the more queries are in flight at that moment).
const UNAVAILABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_STREAM_DESTROYED",
  "ERR_STREAM_WRITE_AFTER_END",
  "ERR_SOCKET_CLOSED",
  "ERR_SOCKET_CLOSED_BEFORE_CONNECTION",
]);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /terminating connection/i,
  /client has encountered a connection error/i,
  /client was closed and is not queryable/i,
  /cannot use a pool after calling end/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /query read timeout/i,
  /Connection terminated unexpectedly/i,
];

export type UnavailableReason = "busy" | "timeout" | "unreachable";

/** Why the database could not serve the request, or null when the error is something else. */
export function databaseUnavailableReason(error: unknown): UnavailableReason | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    if (current instanceof DatabaseBusyError) return "busy";
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string") {
      if (code === "57014" || code === "55P03") return "timeout";
      if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08") || UNAVAILABLE_ERRNOS.has(code)) return "unreachable";
    }
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) {
      return /timeout exceeded when trying to connect/i.test(message) ? "busy" : "unreachable";
    }
    // AggregateError (several addresses refused), then the usual cause chain.
    const aggregate = (current as { errors?: unknown }).errors;
    if (Array.isArray(aggregate) && aggregate.some((inner) => databaseUnavailableReason(inner) !== null)) return "unreachable";
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function isDatabaseUnavailableError(error: unknown): boolean {
  return databaseUnavailableReason(error) !== null;
}

/** True for PostgreSQL's unique violation (23505), from `pg` and PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && String((error as { code?: unknown }).code) === "23505";
}
