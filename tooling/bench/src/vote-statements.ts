import { countSupportVotes, setSupportVote } from "@planpulse/core";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";

/**
 * The SQL vote.toggle sends for "support" (the vote with its auto-follow, then the exact count), taken
 * from @planpulse/db itself so the bare handler runs the very same statements. Parameters are
 * $1 objective, $2 and $3 member (the vote) and $1 objective (the count); checked here.
 */
export async function voteStatements(): Promise<{ vote: string; count: string }> {
  const compiled: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const db = new Kysely<never>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      compiled.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const USER = 700_001;
  const OBJECTIVE = 900_002;
  await setSupportVote(db as never, USER, OBJECTIVE, true);
  await countSupportVotes(db as never, OBJECTIVE);
  const [vote, count] = compiled;
  if (
    !vote ||
    !count ||
    JSON.stringify(vote.parameters) !== JSON.stringify([OBJECTIVE, USER, USER]) ||
    JSON.stringify(count.parameters) !== JSON.stringify([OBJECTIVE])
  ) {
    throw new Error("vote.toggle's statements changed shape: update tooling/bench/floor/bare-vote.mjs");
  }
  return { vote: vote.sql, count: count.sql };
}
