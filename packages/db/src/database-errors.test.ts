import { describe, expect, it } from "vitest";
import { DatabaseBusyError, databaseUnavailableReason, isDatabaseUnavailableError } from "./database-errors";

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("databaseUnavailableReason", () => {
  it.each([
    ["ECONNREFUSED", withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"), "unreachable"],
    ["57P01 admin_shutdown", withCode("57P01", "terminating connection due to administrator command"), "unreachable"],
    ["57P03 cannot_connect_now", withCode("57P03", "the database system is starting up"), "unreachable"],
    ["08006 connection_failure", withCode("08006"), "unreachable"],
    ["57014 statement timeout", withCode("57014", "canceling statement due to statement timeout"), "timeout"],
    ["pool wait timeout", new Error("timeout exceeded when trying to connect"), "busy"],
    ["connection terminated", new Error("Connection terminated unexpectedly"), "unreachable"],
    // Finding 14: what a query meets when its connection was destroyed by the restart mid-flight.
    ["a write to a destroyed socket", withCode("ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed"), "unreachable"],
    ["a write after end", withCode("ERR_STREAM_WRITE_AFTER_END", "write after end"), "unreachable"],
    ["a closed socket", withCode("ERR_SOCKET_CLOSED", "Socket is closed"), "unreachable"],
    ["an aborted connection", withCode("ECONNABORTED"), "unreachable"],
    ["a closed pg client", new Error("Client was closed and is not queryable"), "unreachable"],
    [
      "a failed rollback after a lost connection",
      new Error("rollback failed", { cause: new Error("Client has encountered a connection error and is not queryable") }),
      "unreachable",
    ],
    ["the pool's bounded queue", new DatabaseBusyError(10), "busy"],
    ["a cause chain", new Error("wrapped", { cause: withCode("57P01") }), "unreachable"],
    ["an AggregateError (IPv4 and IPv6 refused)", new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), "unreachable"],
  ])("maps %s", (_label, error, reason) => {
    expect(databaseUnavailableReason(error)).toBe(reason);
  });

  it.each([
    ["a unique violation", withCode("23505", "duplicate key value")],
    ["a syntax error", withCode("42601")],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["not an error", "ECONNREFUSED"],
    ["nothing", null],
  ])("leaves %s alone", (_label, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });

  it("survives a cause cycle", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(databaseUnavailableReason(a)).toBeNull();
  });
});
