import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "./sql-statements";

describe("splitSqlStatements", () => {
  it("splits at top-level semicolons only", () => {
    const script = `
      BEGIN;
      SELECT 'a;b', "odd;name" FROM t; -- a comment; with a semicolon
      CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; PERFORM 2; END; $$ LANGUAGE plpgsql;
      /* block; comment */ SELECT $tag$ x; y $tag$;
      COMMIT;`;
    expect(splitSqlStatements(script)).toEqual([
      "BEGIN",
      `SELECT 'a;b', "odd;name" FROM t`,
      "CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; PERFORM 2; END; $$ LANGUAGE plpgsql",
      "SELECT $tag$ x; y $tag$",
      "COMMIT",
    ]);
  });

  it("keeps doubled quotes inside a string", () => {
    expect(splitSqlStatements("select 'it''s; fine'; select 2")).toEqual(["select 'it''s; fine'", "select 2"]);
  });

  it("does not take a positional parameter for a dollar quote", () => {
    expect(splitSqlStatements("select $1, $2; select 3")).toEqual(["select $1, $2", "select 3"]);
  });
});
